import { readSetCookies } from "@wxdesk/sandbox/testing";

/**
 * A tiny browser for the phone-sized consent window: keeps cookies per host name like a real
 * browser (not per port — the sandbox and the local server share 127.0.0.1), honours Path, and
 * follows redirects one by one so a test can see every hop.
 */
export class PhoneBrowser {
  private readonly jar = new Map<string, { value: string; path: string; host: string }>();
  /** Every URL loaded, in order. */
  readonly visited: string[] = [];

  cookie(name: string): string | undefined {
    for (const [key, c] of this.jar) if (key.endsWith(`\u0000${name}`)) return c.value;
    return undefined;
  }

  private header(url: URL): string {
    return [...this.jar.entries()]
      .filter(
        ([, c]) =>
          c.host === url.hostname &&
          (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`)),
      )
      .map(([key, c]) => `${key.split("\u0000")[1]}=${c.value}`)
      .join("; ");
  }

  /** Keeps (or forgets) what the answer's Set-Cookie lines say. */
  private keep(url: URL, lines: string[]): void {
    for (const c of readSetCookies(lines)) {
      const key = `${url.hostname}\u0000${c.name}`;
      if (c.expired) this.jar.delete(key);
      else this.jar.set(key, { value: c.value, path: c.path, host: url.hostname });
    }
  }

  /** One request, no redirect following. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    this.visited.push(target.href);
    const headers = new Headers(init.headers);
    const cookie = this.header(target);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(target, { ...init, headers, redirect: "manual" });
    this.keep(target, response.headers.getSetCookie());
    return response;
  }

  /** Opens a URL and follows redirects (at most 10), as the window would. */
  async open(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.fetch(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      current = new URL(response.headers.get("location") ?? "", current).href;
      response = await this.fetch(current);
    }
    return { response, url: current };
  }

  /** Taps 允许 (or 拒绝) on the sandbox consent sheet shown at `pageUrl`, then follows the redirects. */
  async decide(pageUrl: string, html: string, decision: "allow" | "deny") {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? "";
    const fields = new URLSearchParams();
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields.set(match[1] ?? "", (match[2] ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
    }
    fields.set("decision", decision);
    return this.open(new URL(action.replaceAll("&amp;", "&"), pageUrl).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
  }
}
