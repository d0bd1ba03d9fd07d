import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpTimeouts } from "../config/server-config.js";
import { type OAuthHarness, startOAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";

/**
 * Slow clients on a real socket (node:net): each kind gets its connection closed within its
 * configured bound (small values here), a 408 in the one error shape when a request was pending.
 * Before, a body announced as 100 bytes and sent as 5 held its connection for good.
 */

/** Node checks the header/request bounds on a sweep (at most 1 s apart), plus a busy 2-core machine. */
const SLACK_MS = 1_500;

interface RawClient {
  socket: Socket;
  /** Everything received so far. */
  text(): string;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
}

async function rawClient(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    received += chunk;
  });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { socket, text: () => received, closed };
}

/** Fails unless `closed` settles within `ms`. */
async function closesWithin(client: RawClient, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  const outcome = await Promise.race([client.closed.then(() => "closed" as const), late]);
  clearTimeout(timer);
  client.socket.destroy();
  expect(outcome).toBe("closed");
}

function expect408(client: RawClient): void {
  const text = client.text();
  expect(text.startsWith("HTTP/1.1 408 ")).toBe(true);
  const body = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)) as unknown;
  expect(body).toEqual({
    error: { code: "request_timeout", message: expect.any(String), messageZh: expect.any(String) },
  });
}

/** Log lines at error level or above, across the file: a slow client is not the server's fault. */
const errorLines: string[] = [];

async function harness(timeouts: HttpTimeouts): Promise<OAuthHarness> {
  return startOAuthHarness({
    config: { httpTimeouts: timeouts },
    app: {
      logger: {
        level: "debug",
        stream: {
          write: (line: string) => (JSON.parse(line).level >= 50 ? errorLines.push(line) : undefined),
        },
      },
    },
  });
}

describe("header, request and keep-alive bounds", () => {
  const bounds: HttpTimeouts = { headersMs: 600, requestMs: 1_200, keepAliveMs: 800, idleMs: 60_000 };
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await harness(bounds);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("slowloris: headers trickling in a line at a time get a 408 and the close within the header bound", async () => {
    const client = await rawClient(h.url);
    client.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const trickle = setInterval(() => client.socket.write(`X-Slow-${Date.now()}: 1\r\n`), 100);
    try {
      await closesWithin(client, bounds.headersMs + SLACK_MS);
    } finally {
      clearInterval(trickle);
    }
    expect408(client);
  });

  it("a connection that never sends a byte is closed within the header bound", async () => {
    const client = await rawClient(h.url);
    await closesWithin(client, bounds.headersMs + SLACK_MS);
  });

  it("a short body (Content-Length 100, 5 bytes sent) gets a 408 and the close within the request bound", async () => {
    const client = await rawClient(h.url);
    client.socket.write(
      "POST /wechat?signature=x&timestamp=1&nonce=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<xml>",
    );
    await closesWithin(client, bounds.requestMs + SLACK_MS);
    expect408(client);
  });

  it("an idle kept-alive connection is closed within the keep-alive bound after its answer", async () => {
    const client = await rawClient(h.url);
    client.socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
    // Node keeps the socket open `keepAliveTimeoutBuffer` (1 s) past the advertised keep-alive time.
    await closesWithin(client, bounds.keepAliveMs + 1_000 + SLACK_MS);
    expect(client.text()).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe("idle bound", () => {
  const bounds: HttpTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 60_000, idleMs: 800 };
  let h: OAuthHarness;
  beforeAll(async () => {
    h = await harness(bounds);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a body that stops coming is cut after the idle bound, long before the request bound", async () => {
    const client = await rawClient(h.url);
    client.socket.write(
      "POST /wechat?signature=x&timestamp=1&nonce=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\n<xml>",
    );
    await closesWithin(client, bounds.idleMs + SLACK_MS);
  });

  it("none of the slow clients in this file made the server write a line at error level", () => {
    expect(errorLines).toEqual([]);
  });
});
