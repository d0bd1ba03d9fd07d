import { request } from "node:http";
import { networkInterfaces } from "node:os";
import { rawRequest } from "@wxdesk/sandbox/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSmallDeskHost, type SmallDeskHost } from "../shared/testing/small-desk-host.js";
import { REQUEST_HEADER } from "./bridge-protocol.js";
import { bridgeCookieName } from "./bridge-token.js";
import type { WebBridge } from "./start-web-bridge.js";
import { startTestBridge, type TestBridge } from "./testing/test-bridge.js";

/** Who may talk to the bridge: the entry link, the token cookie, Host, Origin, the CSRF header. */
let host: SmallDeskHost;
let test: TestBridge;
let bridge: WebBridge;
let cookie: string;

beforeAll(async () => {
  host = createSmallDeskHost();
  test = await startTestBridge(host);
  ({ bridge, cookie } = test);
});

afterAll(async () => {
  await test.close();
});

beforeEach(() => {
  host.calls.length = 0;
});

const callApi = (body: unknown, headers: Record<string, string> = {}) => test.callApi(body, headers);

describe("the entry link", () => {
  it("is printed as http://127.0.0.1:<port>/?token=<token>, with a long random token", () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=${bridge.token}`);
    expect(bridge.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("trades the right token for an HttpOnly SameSite=Strict cookie and redirects to /", async () => {
    const response = await rawRequest(bridge.port, { path: `/?token=${bridge.token}` });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/");
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toContain(`${bridgeCookieName(bridge.port)}=${bridge.token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it("refuses a wrong or empty token with 401 and no cookie", async () => {
    for (const path of ["/?token=wrong", "/?token=", `/?token=${bridge.token}x`]) {
      const response = await rawRequest(bridge.port, { path });
      expect(response.status, path).toBe(401);
      expect(response.headers["set-cookie"]).toBeUndefined();
      expect(response.body).toContain("npm run web");
    }
  });
});

describe("the guard", () => {
  it.each(["/", "/index.html", "/bridge.js", "/assets/app-1.js", "/api/events"])(
    "answers %s only with the cookie (401)",
    async (path) => {
      expect((await rawRequest(bridge.port, { path })).status).toBe(401);
      expect(
        (
          await rawRequest(bridge.port, {
            path,
            headers: { cookie: `${bridgeCookieName(bridge.port)}=nope` },
          })
        ).status,
      ).toBe(401);
      expect(
        (await rawRequest(bridge.port, { path, headers: { cookie: `wxdesk_bridge_1=${bridge.token}` } }))
          .status,
      ).toBe(401);
    },
  );

  it("refuses an API call without the cookie (401, JSON with zh + en)", async () => {
    const response = await rawRequest(bridge.port, {
      method: "POST",
      path: "/api/call",
      headers: { "content-type": "application/json", [REQUEST_HEADER]: "1" },
      body: JSON.stringify({ method: "menu.history", args: [] }),
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      error: { code: "unauthorized", messageZh: expect.any(String) },
    });
    expect(host.calls).toEqual([]);
  });

  it("refuses a forged Host (DNS rebinding) with 403, even with the cookie", async () => {
    for (const forged of [
      `evil.example:${bridge.port}`,
      "127.0.0.1",
      `127.0.0.1:${bridge.port + 1}`,
      `127.0.0.1.evil.example:${bridge.port}`,
    ]) {
      const response = await callApi({ method: "menu.history", args: [] }, { host: forged });
      expect(response.status, forged).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe("forbidden_host");
    }
    expect(host.calls).toEqual([]);
  });

  it("accepts localhost:<port> and [::1]:<port> as Host", async () => {
    for (const name of ["localhost", "[::1]"]) {
      const response = await callApi(
        { method: "menu.history", args: [] },
        { host: `${name}:${bridge.port}` },
      );
      expect(response.status, name).toBe(200);
    }
  });

  it("refuses a foreign Origin with 403 and accepts its own", async () => {
    for (const origin of ["https://evil.example", `http://localhost:${bridge.port}`, "null"]) {
      const response = await callApi({ method: "menu.history", args: [] }, { origin });
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe("forbidden_origin");
    }
    const own = await callApi({ method: "menu.history", args: [] }, { origin: bridge.origin });
    expect(own.status).toBe(200);
  });

  it("refuses a state-changing call without the bridge header (CSRF) with 403", async () => {
    const response = await rawRequest(bridge.port, {
      method: "POST",
      path: "/api/call",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ method: "profiles.setActive", args: ["p1"] }),
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body).error.code).toBe("missing_bridge_header");
    expect(host.calls).toEqual([]);
  });

  it("refuses a form-encoded post (what a cross-site form can send)", async () => {
    const response = await rawRequest(bridge.port, {
      method: "POST",
      path: "/api/call",
      headers: { cookie, "content-type": "text/plain", [REQUEST_HEADER]: "1" },
      body: '{"method":"profiles.setActive","args":["p1"]}',
    });
    expect(response.status).toBe(415);
    expect(host.calls).toEqual([]);
  });

  it("listens on loopback only", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === "IPv4" && !address.internal);
    if (outside === undefined) {
      console.log("skipped the non-loopback check: this machine has no non-loopback IPv4 address");
      return;
    }
    const reached = await new Promise<boolean>((resolve) => {
      const req = request({ host: outside.address, port: bridge.port, path: "/", timeout: 10_000 }, () =>
        resolve(true),
      );
      req.on("error", () => resolve(false));
      req.on("timeout", () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    expect(reached).toBe(false);
  });
});
