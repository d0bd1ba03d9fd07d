import http from "node:http";

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One keep-alive pool per load: at most `connections` sockets, reused call after call. */
export function keepAliveAgent(connections: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/**
 * A plain HTTP call on the pool, body read as text: the cheapest client Node has, so what it
 * measures is the other side (used where autocannon cannot: chained calls, per-kind timings).
 */
export function httpCall(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { agent, method: init.method ?? "GET", headers: init.headers ?? {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error(`no answer from ${url} within 30 s`)));
    request.on("error", reject);
    request.end(init.body);
  });
}

/** POST JSON on the pool, answer parsed; throws on a non-2xx answer. */
export async function postJson<T>(
  agent: http.Agent,
  url: string,
  body: unknown,
  method = "POST",
): Promise<T> {
  const answer = await httpCall(agent, url, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method} ${url} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }
  return JSON.parse(answer.body) as T;
}
