import { request } from "node:http";
import { join } from "node:path";
import { rawRequest } from "@wxdesk/sandbox/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../shared/content-security-policy.js";
import { createSmallDeskHost, type SmallDeskHost } from "../shared/testing/small-desk-host.js";
import { SCRIPT_TAG } from "./bridge-protocol.js";
import { bridgeCookieName } from "./bridge-token.js";
import { startWebBridge, type WebBridge } from "./start-web-bridge.js";
import { startTestBridge, type TestBridge } from "./testing/test-bridge.js";

/** What the bridge serves once in: calls, pages, bridge.js, the event stream. */
let host: SmallDeskHost;
let test: TestBridge;
let bridge: WebBridge;
let cookie: string;
let root: string;

beforeAll(async () => {
  host = createSmallDeskHost();
  test = await startTestBridge(host);
  ({ bridge, cookie, root } = test);
});

afterAll(async () => {
  await test.close();
});

beforeEach(() => {
  host.calls.length = 0;
});

const callApi = (body: unknown, headers: Record<string, string> = {}) => test.callApi(body, headers);

describe("/api/call", () => {
  it("round-trips a call to host.call", async () => {
    const response = await callApi({ method: "menu.history", args: [3] });
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      result: [expect.objectContaining({ by: "limit 3" })],
    });
    expect(host.calls).toEqual([{ method: "menu.history", args: [3] }]);
  });

  it("answers a void method with ok and no result", async () => {
    const response = await callApi({ method: "profiles.setActive", args: ["p1"] });
    expect(JSON.parse(response.body)).toEqual({ ok: true });
  });

  it("passes bad args to host.call and answers 400 bad_input in zh + en", async () => {
    const response = await callApi({ method: "links.qr", args: [{ text: "", format: "gif" }] });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: "bad_input", message: expect.any(String), messageZh: expect.any(String) },
    });
    expect(host.calls).toHaveLength(1);
  });

  it("answers 404 unknown_method without reaching the host", async () => {
    for (const method of ["menu.nuke", "activity.subscribe", "__proto__", 7]) {
      const response = await callApi({ method, args: [] });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body).error.code).toBe("unknown_method");
    }
    expect(host.calls).toEqual([]);
  });

  it("answers 400 when args is not a list", async () => {
    const response = await callApi({ method: "menu.history", args: "5" });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe("bad_input");
  });

  it("answers 422 with another DeskError, 500 `internal` without the text of an unexpected error", async () => {
    const failed = await callApi({ method: "users.get", args: ["o1"] });
    expect(failed.status).toBe(422);
    expect(JSON.parse(failed.body).error.code).toBe("not_available");
    const crashed = await callApi({ method: "sandbox.start", args: [] });
    expect(crashed.status).toBe(500);
    expect(JSON.parse(crashed.body).error.code).toBe("internal");
    expect(crashed.body).not.toContain("secret");
  });
});

describe("pages", () => {
  it("serves index.html with the bridge script first in <head> and the CSP", async () => {
    const response = await rawRequest(bridge.port, { path: "/", headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    const head = response.body.slice(response.body.indexOf("<head>"));
    expect(head.indexOf(SCRIPT_TAG)).toBeGreaterThan(0);
    expect(head.indexOf(SCRIPT_TAG)).toBeLessThan(head.indexOf('type="module"'));
  });

  it("serves /bridge.js, which defines window.wxdesk", async () => {
    const response = await rawRequest(bridge.port, { path: "/bridge.js", headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(response.body).toContain('"wxdesk"');
    expect(response.body).toContain("/api/call");
  });

  it("serves the renderer's assets with the CSP, but no dotfiles", async () => {
    const asset = await rawRequest(bridge.port, { path: "/assets/app-1.js", headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe("console.log('app')");
    expect(asset.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect((await rawRequest(bridge.port, { path: "/.env", headers: { cookie } })).status).toBe(404);
  });
});

describe("/api/events", () => {
  it("streams the host's activity to an SSE client and unsubscribes when it leaves", async () => {
    const event = {
      id: 41,
      type: "authorization",
      at: 1_700_000_000_000,
      data: { openid: "o-41", nickname: "小明" },
    };
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: bridge.port,
          path: "/api/events",
          headers: { cookie, accept: "text/event-stream" },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
            if (
              text.includes(": connected") &&
              host.listenerCount() === 1 &&
              !text.includes("event: activity")
            ) {
              host.emit(event);
            }
            const frameAt = text.indexOf("event: activity");
            if (frameAt !== -1 && text.includes("\n\n", frameAt)) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on("error", (error) => {
        if (!error.message.includes("aborted") && !("code" in error && error.code === "ECONNRESET"))
          reject(error);
      });
      req.end();
    });
    const frame = received.slice(received.indexOf("id: 41"));
    expect(frame).toBe(`id: 41\nevent: activity\ndata: ${JSON.stringify(event)}\n\n`);
    await expect.poll(() => host.listenerCount()).toBe(0);
  });

  it("close() ends open streams instead of hanging", async () => {
    const other = await startWebBridge({ host: createSmallDeskHost(), rendererDir: root });
    const otherCookie = `${bridgeCookieName(other.port)}=${other.token}`;
    const ended = new Promise<void>((resolve, reject) => {
      const req = request(
        { host: "127.0.0.1", port: other.port, path: "/api/events", headers: { cookie: otherCookie } },
        (res) => {
          res.resume();
          res.on("end", resolve);
          res.once("data", () => void other.close());
        },
      );
      req.on("error", reject);
      req.end();
    });
    await ended;
  });
});

describe("a bridge whose renderer is not built", () => {
  it("says how to build it (503)", async () => {
    const bare = await startWebBridge({
      host,
      rendererDir: join(root, "missing"),
      token: "fixed-token-for-this-test",
    });
    try {
      const response = await rawRequest(bare.port, {
        path: "/",
        headers: { cookie: `${bridgeCookieName(bare.port)}=fixed-token-for-this-test` },
      });
      expect(response.status).toBe(503);
      expect(response.body).toContain("npm run build -w @wxdesk/renderer");
    } finally {
      await bare.close();
    }
  });
});
