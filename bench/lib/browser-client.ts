import { readSetCookies } from "@wxdesk/sandbox/testing";
import { Agent, request } from "undici";

/**
 * The load client of the `peers` suite: undici's keep-alive pool (at most `connections` sockets
 * per origin, reused call after call), so what a run measures is the servers, not the client.
 */
export function loadAgent(connections: number): Agent {
  return new Agent({ connections, pipelining: 1, keepAliveTimeout: 60_000 });
}

/** The cookies one browser holds for one site (no path scoping needed): name → value, as `Set-Cookie` left them. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes each `Set-Cookie`; an empty value, `Max-Age=0` or a past expiry deletes, as a browser does. */
  take(setCookie: string | string[] | undefined): void {
    for (const cookie of readSetCookies(setCookie)) {
      if (cookie.expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export interface BrowserAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

/** One request as the browser holding `jar` makes it: its cookies sent, the answer's cookies kept. */
export async function browserCall(
  agent: Agent,
  url: string,
  jar?: CookieJar,
  init: { method?: "GET" | "POST"; json?: unknown } = {},
): Promise<BrowserAnswer> {
  const headers: Record<string, string> = {};
  const cookie = jar?.header();
  if (cookie) headers.cookie = cookie;
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const answer = await request(url, {
    dispatcher: agent,
    method: init.method ?? "GET",
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  jar?.take(answer.headers["set-cookie"]);
  const location = answer.headers.location;
  return {
    status: answer.statusCode,
    location: typeof location === "string" ? location : undefined,
    body: await answer.body.text(),
  };
}
