import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartedSandbox, startSandbox } from "./build-sandbox.js";
import { isLoopbackAddress } from "./host-guard.js";
import { SANDBOX_DEFAULTS } from "./state/fixtures.js";
import { type RawResponse, rawRequest } from "./testing/raw-request.js";

/** The DNS-rebinding guard and the Origin check, on a real sandbox on a real port. */
let sandbox: StartedSandbox;
let port: number;

beforeAll(async () => {
  // No loopbackHostOnly given: startSandbox on 127.0.0.1 turns the guard on by itself.
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1" });
  port = Number(new URL(sandbox.url).port);
});
afterAll(async () => {
  await sandbox.close();
});

const FAULT = JSON.stringify([{ path: "/cgi-bin/*", rate: 1, errcode: -1 }]);

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return rawRequest(port, {
    method,
    path,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

const state = async () => ({
  faults: JSON.parse((await send("GET", "/_sandbox/faults", {})).body) as unknown[],
  clock: (JSON.parse((await send("GET", "/_sandbox/clock", {})).body) as { now: number }).now,
  users: (JSON.parse((await send("GET", "/_sandbox/users", {})).body) as unknown[]).length,
  calls: (JSON.parse((await send("GET", "/_sandbox/stats", {})).body) as { calls: Record<string, number> })
    .calls,
});

const forgedHosts = () => [
  `evil.example:${port}`,
  "evil.example",
  `127.0.0.1:${port + 1}`,
  "127.0.0.1",
  `127.0.0.1.evil.example:${port}`,
  `localhost.evil.example:${port}`,
  `10.0.0.5:${port}`,
];

describe("a sandbox on loopback answers only loopback Host names", () => {
  it("refuses a forged Host with 403 forbidden_host and changes nothing", async () => {
    const before = await state();
    for (const host of forgedHosts()) {
      const writes = [
        await send("PUT", "/_sandbox/faults", { host }, FAULT),
        await send("POST", "/_sandbox/reset", { host }),
        await send("POST", "/_sandbox/clock", { host }, '{"advanceSeconds":3600}'),
        await send("POST", "/_sandbox/users", { host }, '{"nickname":"rebinder"}'),
      ];
      for (const response of writes) {
        expect(response.status, host).toBe(403);
        expect(JSON.parse(response.body)).toEqual({
          error: { code: "forbidden_host", message: expect.any(String), messageZh: expect.any(String) },
        });
      }
      // Reads too: a rebinding page could otherwise read the users, codes and tokens.
      for (const path of [
        "/_sandbox/users",
        "/_sandbox/faults",
        `/cgi-bin/token?grant_type=client_credential&appid=${SANDBOX_DEFAULTS.appid}&secret=${SANDBOX_DEFAULTS.secret}`,
      ]) {
        const response = await send("GET", path, { host });
        expect(response.status, `${host} ${path}`).toBe(403);
        expect(response.body).not.toContain("access_token");
      }
    }
    const after = await state();
    // The virtual clock follows real time; a refused "advance by an hour" must not have moved it.
    expect(after.clock - before.clock).toBeLessThan(3600);
    expect({ ...after, clock: 0 }).toEqual({ ...before, clock: 0 });
    expect(before.faults).toEqual([]);
  });

  it("refuses a browser page with an HTML page in the browser's language (zh-CN or en), not JSON", async () => {
    const response = await send("GET", `/connect/oauth2/authorize?appid=${SANDBOX_DEFAULTS.appid}`, {
      host: `evil.example:${port}`,
    });
    expect(response.status).toBe(403);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toContain("只接受通过 127.0.0.1");
    expect(response.body).not.toContain("only answers on 127.0.0.1");
    const english = await send("GET", `/connect/oauth2/authorize?appid=${SANDBOX_DEFAULTS.appid}`, {
      host: `evil.example:${port}`,
      "accept-language": "en-US,en;q=0.9,zh;q=0.5",
    });
    expect(english.body).toContain("only answers on 127.0.0.1");
    expect(english.body).not.toContain("只接受通过 127.0.0.1");
    const navigation = await send("GET", "/_sandbox/users", {
      host: `evil.example:${port}`,
      accept: "text/html,application/xhtml+xml",
    });
    expect(navigation.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("answers 127.0.0.1, localhost and [::1] with its own port", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const response = await send("GET", "/_sandbox/faults", { host });
      expect(response.status, host).toBe(200);
      expect(JSON.parse(response.body)).toEqual([]);
    }
    const set = await send("PUT", "/_sandbox/faults", { host: `localhost:${port}` }, FAULT);
    expect(set.status).toBe(200);
    expect((await state()).faults).toHaveLength(1);
    expect((await send("PUT", "/_sandbox/faults", {}, "[]")).status).toBe(200);
  });
});

describe("control calls that change state check Origin", () => {
  it("refuses another site's Origin (or null) with 403 forbidden_origin and changes nothing", async () => {
    for (const origin of [
      "https://evil.example",
      `http://127.0.0.1:${port + 1}`,
      "null",
      `http://localhost:${port}`,
    ]) {
      const response = await send("PUT", "/_sandbox/faults", { origin }, FAULT);
      expect(response.status, origin).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe("forbidden_origin");
      const reset = await send("POST", "/_sandbox/reset", { origin, "content-type": "text/plain" });
      expect(reset.status, origin).toBe(403);
    }
    expect((await state()).faults).toEqual([]);
  });

  it("accepts its own Origin, and tools that send none", async () => {
    const own = await send("PUT", "/_sandbox/faults", { origin: `http://127.0.0.1:${port}` }, FAULT);
    expect(own.status).toBe(200);
    expect((await send("PUT", "/_sandbox/faults", {}, "[]")).status).toBe(200);
    expect((await state()).faults).toEqual([]);
  });
});

describe("when the guard is off", () => {
  it("is off on a wildcard address (a phone on the LAN uses the machine's own name) and on request", async () => {
    expect(isLoopbackAddress("0.0.0.0")).toBe(false);
    expect(isLoopbackAddress("::")).toBe(false);
    expect(isLoopbackAddress("192.168.1.20")).toBe(false);
    for (const loopback of ["127.0.0.1", "127.1.2.3", "::1", "localhost"]) {
      expect(isLoopbackAddress(loopback), loopback).toBe(true);
    }
    const open = await startSandbox({ port: 0, loopbackHostOnly: false });
    try {
      const response = await rawRequest(Number(new URL(open.url).port), {
        path: "/_sandbox/faults",
        headers: { host: "laptop.lan:7100" },
      });
      expect(response.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("a rehearsal behind nginx: the host of publicUrl is answered too", () => {
  it("answers Host sandbox.example.test (as nginx passes it, any port) and still refuses other names", async () => {
    const rehearsal = await startSandbox({
      port: 0,
      host: "127.0.0.1",
      publicUrl: "https://sandbox.example.test:8443",
    });
    try {
      const rehearsalPort = Number(new URL(rehearsal.url).port);
      const get = (host: string) =>
        rawRequest(rehearsalPort, { method: "GET", path: "/_sandbox/faults", headers: { host } });
      for (const host of ["sandbox.example.test", "sandbox.example.test:8443", "SANDBOX.example.test:443"]) {
        const response = await get(host);
        expect(response.status, host).toBe(200);
        expect(JSON.parse(response.body)).toEqual([]);
      }
      for (const host of [
        "evil.example",
        "sandbox.example.test.evil.example",
        "example.test",
        `evil.example:${rehearsalPort}`,
      ]) {
        expect((await get(host)).status, host).toBe(403);
      }
    } finally {
      await rehearsal.close();
    }
  });
});
