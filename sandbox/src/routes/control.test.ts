import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPID, type Harness, listUsers, SECRET, startHarness } from "../testing/sandbox-harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: "control-test" });
});
afterAll(() => h.close());

describe("/_sandbox/consent", () => {
  it("returns the redirect WeChat would send, first fixture user by default", async () => {
    const res = await h.post("/_sandbox/consent", {
      appid: APPID,
      redirect_uri: "http://localhost:5173/oauth/callback?next=%2F",
      scope: "snsapi_userinfo",
      state: "abc123",
    });
    expect(res.status).toBe(200);
    const { location } = (await res.json()) as { location: string };
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe("http://localhost:5173/oauth/callback");
    expect(url.searchParams.get("next")).toBe("/");
    expect(url.searchParams.get("state")).toBe("abc123");
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: url.searchParams.get("code")!,
    });
    expect(token.openid).toBe((await listUsers(h))[0]!.openid);
  });

  it.each([
    [{ redirect_uri: "http://evil.example/cb" }, "10003"],
    [{ scope: "snsapi_login" }, "10005"],
    [{ appid: "wx00000000000000ff" }, "10016"],
    [{ state: "no spaces allowed" }, "state_invalid"],
    [{ openid: "o-nobody" }, "unknown_user"],
    [{ extra: 1 }, "unknown_field"],
  ])("answers 400 like the page would: %j → %s", async (override, code) => {
    const res = await h.post("/_sandbox/consent", {
      appid: APPID,
      redirect_uri: "http://127.0.0.1/cb",
      scope: "snsapi_base",
      state: "s",
      ...override,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code } });
  });
});

describe("/_sandbox/users", () => {
  it("lists a dozen fixture users with 28-char openids, one without unionid, one snapshot user", async () => {
    const users = await listUsers(h);
    expect(users.length).toBeGreaterThanOrEqual(12);
    expect(users.every((u) => u.openid.length === 28 && u.headimgurl.endsWith("/132"))).toBe(true);
    expect(users.filter((u) => u.unionid === undefined)).toHaveLength(1);
    expect(users.filter((u) => u.snapshot)).toHaveLength(1);
    expect(users.some((u) => /\p{Extended_Pictographic}/u.test(u.nickname))).toBe(true);
    expect(new Set(users.map((u) => u.openid)).size).toBe(users.length);
  });

  it("adds a validated user who can then authorize", async () => {
    const res = await h.post("/_sandbox/users", { nickname: "新用户🎉", tags: [101], platform: "Android" });
    expect(res.status).toBe(200);
    const added = (await res.json()) as { openid: string; nickname: string; unionid: string };
    expect(added.openid).toHaveLength(28);
    const token = await h.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await h.code({ openid: added.openid }),
    });
    const info = await h.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
    expect(info.nickname).toBe("新用户🎉");
    expect((await listUsers(h)).some((u) => u.openid === added.openid)).toBe(true);
    const duplicate = await h.post("/_sandbox/users", { nickname: "x", openid: added.openid });
    expect(duplicate.status).toBe(400);
  });

  it.each([
    {},
    { nickname: 3 },
    { nickname: "a", tags: ["x"] },
    { nickname: "a", platform: "Symbian" },
    { nickname: "a", openid: "short" },
  ])("rejects %j with 400", async (body) => {
    const res = await h.post("/_sandbox/users", body);
    expect(res.status).toBe(400);
  });
});

describe("clock and reset", () => {
  it("advances the virtual clock and reset brings it back", async () => {
    const before = (await h.json<{ now: number }>("/_sandbox/clock")).now;
    const res = await h.post("/_sandbox/clock", { advanceSeconds: 3600 });
    const { now } = (await res.json()) as { now: number };
    expect(now - before).toBeGreaterThanOrEqual(3600);
    expect(now - before).toBeLessThan(3610);
    await h.post("/_sandbox/reset", {});
    expect((await h.json<{ now: number }>("/_sandbox/clock")).now - before).toBeLessThan(10);
  });

  it("reset clears codes, tokens, menus, faults and stats but keeps users", async () => {
    const code = await h.code();
    const token = await h.globalToken();
    await h.client.createMenu(token, { button: [{ type: "click", name: "a", key: "a" }] });
    await h.post("/_sandbox/faults", [{ path: "/sns/auth", rate: 1, errcode: -1 }], "PUT");
    const added = (await (await h.post("/_sandbox/users", { nickname: "留下" })).json()) as {
      openid: string;
    };
    await h.post("/_sandbox/reset", {});
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code })).rejects.toMatchObject({
      errcode: 40029,
    });
    await expect(h.client.getMenu(token)).rejects.toMatchObject({ errcode: 40001 });
    expect(await h.json("/_sandbox/faults")).toEqual([]);
    expect((await listUsers(h)).some((u) => u.openid === added.openid)).toBe(true);
  });

  it("never repeats a credential: two sandboxes with the same seed, and a reset, issue new codes and tokens", async () => {
    const a = await startHarness({ seed: "same-seed" });
    const issued = async (s: Harness) => {
      const code = await s.code();
      const token = await s.client.exchangeCode({ appid: APPID, secret: SECRET, code });
      const ticket = await s.client.getTicket(await s.globalToken());
      return [code, token.accessToken, token.refreshToken, await s.globalToken(), ticket.ticket];
    };
    const first = await issued(a);
    await a.post("/_sandbox/reset", {});
    const afterReset = await issued(a);
    // The demo's restart: the first sandbox stops, a second one starts with the same seed.
    await a.close();
    const b = await startHarness({ seed: "same-seed" });
    const restarted = await issued(b).finally(() => b.close());
    const all = [...first, ...afterReset, ...restarted];
    expect(all.every((value) => value.length >= 32)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps fault decisions seeded: the same seed flips the same coins", async () => {
    const a = await startHarness({ seed: "same-seed" });
    const b = await startHarness({ seed: "same-seed" });
    const c = await startHarness({ seed: "other-seed" });
    const rule = [{ path: "/sns/auth", rate: 0.5, errcode: -1 }];
    const flips = async (s: Harness) => {
      await s.post("/_sandbox/faults", rule, "PUT");
      const out: boolean[] = [];
      for (let i = 0; i < 24; i++) {
        const res = await s.get("/sns/auth?access_token=x&openid=y");
        out.push(((await res.json()) as { errcode: number }).errcode === -1);
      }
      return out;
    };
    try {
      const seqA = await flips(a);
      expect(await flips(b)).toEqual(seqA);
      expect(await flips(c)).not.toEqual(seqA);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it.each([
    ["/_sandbox/clock", "POST", { advanceSeconds: -5 }],
    ["/_sandbox/clock", "POST", { advanceSeconds: "10" }],
    ["/_sandbox/clock", "POST", "{{"],
    ["/_sandbox/clock", "POST", ""],
    ["/_sandbox/consent", "POST", [1, 2]],
    ["/_sandbox/consent", "POST", "null"],
    ["/_sandbox/users", "POST", "\u0000"],
    ["/_sandbox/faults", "PUT", '{"path":1}'],
    ["/_sandbox/phone/click", "POST", { openid: 5 }],
    ["/_sandbox/jssdk/verify", "POST", { appId: [] }],
  ])("control bodies are validated: %s %s %j → 400", async (path, method, body) => {
    const res = await h.post(path, body, method);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string; messageZh: string } };
    expect(json.error).toMatchObject({
      code: expect.any(String),
      message: expect.any(String),
      messageZh: expect.any(String),
    });
  });
});
