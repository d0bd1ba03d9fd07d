import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APPID,
  type Harness,
  type ListedUser,
  listUsers,
  SECRET,
  startHarness,
} from "../testing/sandbox-harness.js";

const OTHER_APPID = "wx00000000000000b2";
let h: Harness;
let users: ListedUser[];

beforeAll(async () => {
  h = await startHarness({ apps: [{ appid: OTHER_APPID, secret: "ffffffffffffffffffffffffffffffff" }] });
  users = await listUsers(h);
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.post("/_sandbox/reset", {});
});

function user(pred: (u: ListedUser) => boolean): ListedUser {
  const found = users.find(pred);
  if (!found) throw new Error("fixture user missing");
  return found;
}

describe("code → token → userinfo", () => {
  it("runs the whole journey through the real client", async () => {
    const zhang = user((u) => u.nickname === "张伟");
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: zhang.openid }),
    });
    expect(token).toMatchObject({
      openid: zhang.openid,
      scope: "snsapi_userinfo",
      expiresIn: 7200,
      isSnapshotUser: false,
    });
    expect(token.unionid).toBe(zhang.unionid);
    expect(token.openid).toHaveLength(28);
    const info = await h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
    expect(info).toMatchObject({
      nickname: "张伟",
      sex: 0,
      province: "",
      city: "",
      country: "",
      privilege: [],
    });
    expect(info.headimgurl).toBe(`${h.url}/_sandbox/avatar/${zhang.openid}/132`);
    await expect(
      h.client.checkUserToken({ accessToken: token.accessToken, openid: token.openid }),
    ).resolves.toBe(undefined);
    const avatar = await h.get(new URL(info.headimgurl).pathname);
    expect(avatar.headers.get("content-type")).toContain("image/svg+xml");
    expect(await avatar.text()).toContain("张");
  });

  it("answers raw JSON with charset and a rid suffix on errors", async () => {
    const res = await h.get(
      `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=nope&grant_type=authorization_code`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as { errcode: number; errmsg: string };
    expect(body.errcode).toBe(40029);
    expect(body.errmsg).toMatch(/^invalid code rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  it("refuses a reused code with 40163", async () => {
    const code = await h.code();
    await h.client.exchangeCode({ appid: APPID, secret: SECRET, code });
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code })).rejects.toMatchObject({
      errcode: 40163,
    });
  });

  it("expires codes after 5 minutes of virtual time (42003)", async () => {
    const fresh = await h.code();
    const old = await h.code();
    await h.advance(299);
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code: fresh })).resolves.toBeTruthy();
    await h.advance(2);
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code: old })).rejects.toMatchObject({
      errcode: 42003,
    });
  });

  it("binds codes to their app (40029 for another app)", async () => {
    const code = await h.code();
    await expect(
      h.client.exchangeCode({ appid: OTHER_APPID, secret: "ffffffffffffffffffffffffffffffff", code }),
    ).rejects.toMatchObject({ errcode: 40029 });
    // …and the code is still good for its own app.
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code })).resolves.toBeTruthy();
  });

  it.each([
    ["", 41002],
    [`appid=${APPID}`, 41004],
    [`appid=wx0000000000000bad&secret=${SECRET}&code=x&grant_type=authorization_code`, 40013],
    [`appid=${APPID}&secret=wrong&code=x&grant_type=authorization_code`, 40125],
    [`appid=${APPID}&secret=${SECRET}&grant_type=authorization_code`, 41008],
    [`appid=${APPID}&secret=${SECRET}&code=x&grant_type=client_credential`, 40002],
  ])("checks parameters: %s → %i", async (query, errcode) => {
    expect(await h.json(`/sns/oauth2/access_token?${query}`)).toMatchObject({ errcode });
  });

  it("requires GET (43001)", async () => {
    expect(await (await h.post("/sns/oauth2/access_token", {})).json()).toMatchObject({ errcode: 43001 });
  });
});

describe("refresh_token", () => {
  it("returns the same access token while it is live, renewed; a new one once expired", async () => {
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code: await h.code() });
    await h.advance(7000);
    const same = await h.client.refreshUserToken({ appid: APPID, refreshToken: token.refreshToken });
    expect(same.accessToken).toBe(token.accessToken);
    // Renewed: 7000 s later it would have died at 7200 s, but it still works 7100 s after the refresh.
    await h.advance(7100);
    await expect(
      h.client.checkUserToken({ accessToken: token.accessToken, openid: token.openid }),
    ).resolves.toBe(undefined);
    await h.advance(200);
    await expect(
      h.client.checkUserToken({ accessToken: token.accessToken, openid: token.openid }),
    ).rejects.toMatchObject({
      errcode: 42001,
    });
    const fresh = await h.client.refreshUserToken({ appid: APPID, refreshToken: token.refreshToken });
    expect(fresh.accessToken).not.toBe(token.accessToken);
    expect(fresh.openid).toBe(token.openid);
    await expect(
      h.client.getUserInfo({ accessToken: fresh.accessToken, openid: fresh.openid }),
    ).resolves.toBeTruthy();
  });

  it("expires refresh tokens after 30 days (42002) and rejects unknown ones (40030)", async () => {
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code: await h.code() });
    await h.advance(29 * 86_400);
    await expect(
      h.client.refreshUserToken({ appid: APPID, refreshToken: token.refreshToken }),
    ).resolves.toBeTruthy();
    await h.advance(86_400 + 1);
    await expect(
      h.client.refreshUserToken({ appid: APPID, refreshToken: token.refreshToken }),
    ).rejects.toMatchObject({
      errcode: 42002,
    });
    await expect(
      h.client.refreshUserToken({ appid: APPID, refreshToken: "x".repeat(40) }),
    ).rejects.toMatchObject({
      errcode: 40030,
    });
  });
});

describe("sns/userinfo", () => {
  it("refuses a snsapi_base token with 48001 and gives base tokens no unionid", async () => {
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ scope: "snsapi_base" }),
    });
    expect(token.scope).toBe("snsapi_base");
    expect(token.unionid).toBeUndefined();
    await expect(
      h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid }),
    ).rejects.toMatchObject({
      errcode: 48001,
    });
    // sns/auth still accepts a base token.
    await expect(
      h.client.checkUserToken({ accessToken: token.accessToken, openid: token.openid }),
    ).resolves.toBe(undefined);
  });

  it("serves nickname variants per lang", async () => {
    const zhang = user((u) => u.nickname === "张伟");
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: zhang.openid }),
    });
    const p = { accessToken: token.accessToken, openid: token.openid };
    expect((await h.client.getUserInfo({ ...p, lang: "zh_CN" })).nickname).toBe("张伟");
    expect((await h.client.getUserInfo({ ...p, lang: "zh_TW" })).nickname).toBe("張偉");
    expect((await h.client.getUserInfo({ ...p, lang: "en" })).nickname).toBe("Zhang Wei");
  });

  it("gives the snapshot user a virtual account and placeholder profile", async () => {
    const snap = user((u) => u.snapshot);
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: snap.openid }),
    });
    expect(token.isSnapshotUser).toBe(true);
    expect(token.openid).not.toBe(snap.openid);
    expect(token.openid).toHaveLength(28);
    expect(token.unionid).toBeDefined();
    expect(token.unionid).not.toBe(snap.unionid);
    const info = await h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
    expect(info.nickname).toBe("微信用户");
    expect(info.headimgurl).toMatch(/\/_sandbox\/avatar\/default\/132$/);
    // Stable per real user: a second authorization yields the same virtual openid.
    const again = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: snap.openid }),
    });
    expect(again.openid).toBe(token.openid);
    const raw = await h.json(
      `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${await h.code({ openid: snap.openid })}&grant_type=authorization_code`,
    );
    expect(raw.is_snapshotuser).toBe(1);
    // Normal users never carry the field.
    const normal = await h.json(
      `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${await h.code()}&grant_type=authorization_code`,
    );
    expect(normal).not.toHaveProperty("is_snapshotuser");
  });

  it("omits unionid for the user without one", async () => {
    const zhou = user((u) => u.unionid === undefined);
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: zhou.openid }),
    });
    expect(token.unionid).toBeUndefined();
    const info = await h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
    expect(info).not.toHaveProperty("unionid");
  });

  it("answers 40003 wrong openid, 42001 expired, 40001 unknown, 40014 malformed, 41001 missing", async () => {
    const token = await h.client.exchangeCode({ appid: APPID, secret: SECRET, code: await h.code() });
    await expect(
      h.client.getUserInfo({ accessToken: token.accessToken, openid: users[1]!.openid }),
    ).rejects.toMatchObject({
      errcode: 40003,
    });
    await expect(
      h.client.getUserInfo({ accessToken: "A".repeat(40), openid: token.openid }),
    ).rejects.toMatchObject({
      errcode: 40001,
    });
    await expect(
      h.client.getUserInfo({ accessToken: "bad token!", openid: token.openid }),
    ).rejects.toMatchObject({
      errcode: 40014,
    });
    expect(await h.json(`/sns/userinfo?openid=${token.openid}`)).toMatchObject({ errcode: 41001 });
    await h.advance(7201);
    await expect(
      h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid }),
    ).rejects.toMatchObject({
      errcode: 42001,
    });
  });
});
