import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPID, type Harness, SECRET, startHarness } from "../testing/sandbox-harness.js";

let h: Harness;
const creds = { appid: APPID, secret: SECRET };

beforeAll(async () => {
  h = await startHarness({ tokenDailyQuota: 5, stableForceDailyQuota: 3 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.post("/_sandbox/reset", {});
});

const stable = (body: unknown) => h.post("/cgi-bin/stable_token", body);

describe("cgi-bin/token", () => {
  it("issues a new token each call; the previous lives 5 more minutes, older ones die", async () => {
    const first = await h.client.getAccessToken(creds);
    expect(first.expiresIn).toBe(7200);
    const second = await h.client.getAccessToken(creds);
    expect(second.accessToken).not.toBe(first.accessToken);
    // The previous token still works during the overlap…
    await expect(h.client.getTicket(first.accessToken)).resolves.toBeTruthy();
    await h.advance(301);
    // …and then answers 40001 "not latest", while the current one keeps working.
    const stale = await h.json(`/cgi-bin/ticket/getticket?access_token=${first.accessToken}&type=jsapi`);
    expect(stale.errcode).toBe(40001);
    expect(stale.errmsg).toContain("invalid credential, access_token is invalid or not latest");
    await expect(h.client.getTicket(second.accessToken)).resolves.toBeTruthy();
    // A third fetch kills the first at once even inside its window; the second gets 5 minutes.
    const third = await h.client.getAccessToken(creds);
    await expect(h.client.getTicket(second.accessToken)).resolves.toBeTruthy();
    await h.client.getAccessToken(creds);
    await expect(h.client.getTicket(second.accessToken)).rejects.toMatchObject({ errcode: 40001 });
    await expect(h.client.getTicket(third.accessToken)).resolves.toBeTruthy();
  });

  it("expires after 7200 s with 42001 and answers 41001 without a token", async () => {
    const token = await h.globalToken();
    await h.advance(7201);
    await expect(h.client.getMenu(token)).rejects.toMatchObject({ errcode: 42001 });
    expect(await h.json("/cgi-bin/menu/get")).toMatchObject({ errcode: 41001 });
  });

  it("enforces the daily quota with 45009 (configurable)", async () => {
    for (let i = 0; i < 5; i += 1) await h.client.getAccessToken(creds);
    await expect(h.client.getAccessToken(creds)).rejects.toMatchObject({ errcode: 45009 });
    await h.advance(86_400);
    await expect(h.client.getAccessToken(creds)).resolves.toBeTruthy();
  });

  it("checks credentials", async () => {
    expect(
      await h.json(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=nope`),
    ).toMatchObject({
      errcode: 40125,
    });
    expect(
      await h.json(`/cgi-bin/token?grant_type=authorization_code&appid=${APPID}&secret=${SECRET}`),
    ).toMatchObject({
      errcode: 40002,
    });
    expect(await h.json(`/cgi-bin/token?grant_type=client_credential&secret=${SECRET}`)).toMatchObject({
      errcode: 41002,
    });
  });
});

describe("cgi-bin/stable_token", () => {
  it("returns the same token with a counting-down expires_in", async () => {
    const a = await h.client.getStableAccessToken(creds);
    await h.advance(100);
    const b = await h.client.getStableAccessToken(creds);
    expect(b.accessToken).toBe(a.accessToken);
    expect(b.expiresIn).toBeLessThanOrEqual(7100);
    expect(b.expiresIn).toBeGreaterThan(7090);
  });

  it("rotates in the last 5 minutes; the old token lives to its own expiry", async () => {
    const a = await h.client.getStableAccessToken(creds);
    await h.advance(7200 - 200);
    const b = await h.client.getStableAccessToken(creds);
    expect(b.accessToken).not.toBe(a.accessToken);
    expect(b.expiresIn).toBe(7200);
    await expect(h.client.getTicket(a.accessToken)).resolves.toBeTruthy();
    await h.advance(201);
    await expect(h.client.getTicket(a.accessToken)).rejects.toMatchObject({ errcode: 42001 });
    await expect(h.client.getTicket(b.accessToken)).resolves.toBeTruthy();
  });

  it("force_refresh: invalidates at once, ≥30 s apart or unchanged, limited per day", async () => {
    const a = await h.client.getStableAccessToken(creds);
    const b = await h.client.getStableAccessToken({ ...creds, forceRefresh: true });
    expect(b.accessToken).not.toBe(a.accessToken);
    await expect(h.client.getTicket(a.accessToken)).rejects.toMatchObject({ errcode: 40001 });
    await h.advance(10);
    const c = await h.client.getStableAccessToken({ ...creds, forceRefresh: true });
    expect(c.accessToken).toBe(b.accessToken);
    await h.advance(30);
    const d = await h.client.getStableAccessToken({ ...creds, forceRefresh: true });
    expect(d.accessToken).not.toBe(b.accessToken);
    await h.advance(30);
    await h.client.getStableAccessToken({ ...creds, forceRefresh: true });
    await h.advance(30);
    await expect(h.client.getStableAccessToken({ ...creds, forceRefresh: true })).rejects.toMatchObject({
      errcode: 45009,
    });
  });

  it("is independent of cgi-bin/token", async () => {
    const s = await h.client.getStableAccessToken(creds);
    await h.client.getAccessToken(creds);
    await h.client.getAccessToken(creds);
    await h.client.getAccessToken(creds);
    const again = await h.client.getStableAccessToken(creds);
    expect(again.accessToken).toBe(s.accessToken);
    await expect(h.client.getTicket(s.accessToken)).resolves.toBeTruthy();
  });

  it("rejects GET (43002), empty (44002), bad JSON and form bodies (47001); accepts text/plain JSON", async () => {
    expect(
      await h.json(`/cgi-bin/stable_token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`),
    ).toMatchObject({
      errcode: 43002,
    });
    expect(await (await stable("")).json()).toMatchObject({ errcode: 44002 });
    expect(await (await stable("{nope")).json()).toMatchObject({ errcode: 47001 });
    const form = await h.get("/cgi-bin/stable_token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`,
    });
    expect(await form.json()).toMatchObject({ errcode: 47001 });
    const plain = await h.get("/cgi-bin/stable_token", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ grant_type: "client_credential", appid: APPID, secret: SECRET }),
    });
    expect(await plain.json()).toMatchObject({ expires_in: 7200 });
    const bare = await fetch(`${h.url}/cgi-bin/stable_token`, {
      method: "POST",
      body: new Blob([JSON.stringify({ grant_type: "client_credential", appid: APPID, secret: SECRET })]),
    });
    expect(await bare.json()).toHaveProperty("access_token");
  });
});
