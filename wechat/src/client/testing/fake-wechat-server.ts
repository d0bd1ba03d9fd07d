import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake server saw, for assertions (test helper; not exported from the package). */
export interface Hit {
  method: string;
  path: string;
  /** Raw query string without `?`, to check parameter order. */
  rawQuery: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type FakeReply =
  | { status?: number; contentType?: string; json: unknown }
  | { status?: number; contentType?: string; text: string }
  | { hang: true }
  | { destroy: true };

export interface FakeWeChat {
  origin: string;
  hits: Hit[];
  /** Decides each answer; default answers `{"errcode":0,"errmsg":"ok"}`. */
  respond: (hit: Hit) => FakeReply;
  close(): Promise<void>;
}

/** A real node:http server on port 0 answering the way WeChat does (HTTP 200 + JSON body). */
export async function startFakeWeChat(): Promise<FakeWeChat> {
  const fake: FakeWeChat = {
    origin: "",
    hits: [],
    respond: () => ({ json: { errcode: 0, errmsg: "ok" } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const queryAt = url.indexOf("?");
      const rawQuery = queryAt === -1 ? "" : url.slice(queryAt + 1);
      const hit: Hit = {
        method: req.method ?? "",
        path: queryAt === -1 ? url : url.slice(0, queryAt),
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      fake.hits.push(hit);
      const reply = fake.respond(hit);
      if ("hang" in reply) return;
      if ("destroy" in reply) {
        req.socket.destroy();
        return;
      }
      const text = "json" in reply ? JSON.stringify(reply.json) : reply.text;
      res.writeHead(reply.status ?? 200, {
        "Content-Type": reply.contentType ?? "application/json; charset=utf-8",
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  fake.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A port that was just free and is now closed: connecting to it is refused. */
export async function closedPortOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
