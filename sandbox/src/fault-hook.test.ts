import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPID, type Harness, SECRET, startHarness } from "./testing/sandbox-harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ faultHoldMs: 2000 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.post("/_sandbox/reset", {});
});

const faults = (rules: unknown) => h.post("/_sandbox/faults", rules, "PUT");
const exchange = (code: string) =>
  h.get(
    `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${code}&grant_type=authorization_code`,
  );

describe("faults", () => {
  it("answers a WeChat error on every /sns/* call at rate 1 until cleared", async () => {
    const put = await faults([{ path: "/sns/*", rate: 1, errcode: -1 }]);
    expect(put.status).toBe(200);
    expect(await (await h.get("/_sandbox/faults")).json()).toEqual([
      { path: "/sns/*", rate: 1, errcode: -1 },
    ]);
    const code = await h.code();
    const body = (await (await exchange(code)).json()) as { errcode: number; errmsg: string };
    expect(body.errcode).toBe(-1);
    expect(body.errmsg).toMatch(/^system error rid: /);
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code })).rejects.toMatchObject({
      errcode: -1,
    });
    // Other paths are untouched.
    await expect(h.globalToken()).resolves.toBeTruthy();
    await faults([]);
    await expect(h.client.exchangeCode({ appid: APPID, secret: SECRET, code })).resolves.toBeTruthy();
  });

  it("answers an HTTP status", async () => {
    await faults([{ path: "/cgi-bin/token", rate: 1, http: 500 }]);
    const res = await h.get(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    expect(res.status).toBe(500);
    await expect(h.globalToken()).rejects.toMatchObject({ httpStatus: 500 });
  });

  it("adds latency, then serves normally", async () => {
    // No stopwatch: a caller that gives up well before the latency is over gets nothing, one that waits
    // gets the token. The timers race in one process, 100 ms against 2 s: the order cannot flip.
    await faults([{ path: "/cgi-bin/token", rate: 1, latencyMs: 2_000 }]);
    const tokenPath = `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;
    await expect(h.get(tokenPath, { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: "TimeoutError",
    });
    await expect(h.globalToken()).resolves.toBeTruthy();
  });

  it("resets the connection or holds it (timeout)", async () => {
    await faults([
      { path: "/sns/auth", rate: 1, reset: true },
      { path: "/sns/userinfo", rate: 1, timeout: true },
    ]);
    await expect(h.get("/sns/auth?access_token=x&openid=y")).rejects.toThrow();
    // Held, not reset: the call ends by the caller's own deadline (TimeoutError), not a connection error.
    await expect(
      h.get("/sns/userinfo?access_token=x&openid=y", { signal: AbortSignal.timeout(300) }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("applies a fractional rate deterministically from the seed", async () => {
    const run = async () => {
      await h.post("/_sandbox/reset", {});
      await faults([{ path: "/cgi-bin/token", rate: 0.5, errcode: 45011 }]);
      const outcomes: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const body = await h.json(
          `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`,
        );
        outcomes.push(typeof body.errcode === "number" ? body.errcode : 0);
      }
      return outcomes;
    };
    const first = await run();
    expect(first).toContain(45011);
    expect(first).toContain(0);
    expect(await run()).toEqual(first);
  });

  it.each([
    [{ path: "/sns/*", rate: 2, errcode: -1 }],
    [{ path: "/sns/*", errcode: -1 }],
    [{ path: "sns", rate: 1, errcode: -1 }],
    [{ path: "/_sandbox/users", rate: 1, errcode: -1 }],
    [{ path: "/sns/*", rate: 1 }],
    [{ path: "/sns/*", rate: 1, errcode: -1, http: 500 }],
    [{ path: "/sns/*", rate: 1, nonsense: true }],
    "not a list",
  ])("rejects bad rules with 400: %j", async (rule) => {
    const res = await faults(typeof rule === "string" ? { rule } : [rule]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; messageZh: string } };
    expect(body.error.code).toBeTruthy();
    expect(body.error.messageZh).toBeTruthy();
  });
});

describe("stats", () => {
  it("counts WeChat paths (authorize page included), not /_sandbox", async () => {
    const code = await h.code();
    await exchange(code);
    await exchange(code);
    await h.get(`/connect/oauth2/authorize?appid=${APPID}&redirect_uri=x&scope=snsapi_base`);
    await h.get("/_sandbox/users");
    const stats = (await (await h.get("/_sandbox/stats")).json()) as { calls: Record<string, number> };
    expect(stats).toEqual({ calls: { "/sns/oauth2/access_token": 2, "/connect/oauth2/authorize": 1 } });
    await h.post("/_sandbox/reset", {});
    expect(await (await h.get("/_sandbox/stats")).json()).toEqual({ calls: {} });
  });
});
