import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { readSetCookies } from "@wxdesk/sandbox/testing";
import type { FastifyInstance } from "fastify";
import { type BuildAppOptions, buildApp } from "../../../app.js";
import type { AppContext, Clock } from "../../../app-context.js";
import type { ServerConfig } from "../../../config/server-config.js";
import { createAppContext } from "../../../context/create-app-context.js";
import { freePort } from "../../../net/free-port.js";
import { dropRedisPrefix, tempDir, testConfig, testRedisPrefix } from "../../../testing/test-server.js";

/** Test-only: one sandbox + one callback server on a known port (publicUrl must name it), SQLite or Redis. */
export interface OAuthHarness {
  sandbox: StartedSandbox;
  app: FastifyInstance;
  ctx: AppContext;
  /** Where the test talks to the server (always plain http on loopback). */
  url: string;
  config: ServerConfig;
  /** Fixture users by nickname → openid. */
  users: SandboxUserRow[];
  sandboxJson<T>(path: string, body?: unknown, method?: string): Promise<{ status: number; body: T }>;
  calls(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * JSON to and from the sandbox's control API (`/_sandbox/…`): GET without a body, POST with one.
 * `onText` sees each raw answer (a test that checks what crossed the wire keeps them).
 */
export function sandboxJsonCaller(
  sandboxUrl: string,
  onText?: (text: string) => void,
): OAuthHarness["sandboxJson"] {
  return async <T>(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") => {
    const response = await fetch(`${sandboxUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    onText?.(text);
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

export interface SandboxUserRow {
  id: string;
  openid: string;
  nickname: string;
  unionid?: string;
  headimgurl: string;
  snapshot: boolean;
}

export interface OAuthHarnessOptions {
  redisUrl?: string | undefined;
  clock?: Clock;
  /** `https` makes the public URL https (cookie `Secure`); the test still talks http. */
  publicScheme?: "http" | "https";
  nextAllow?: string[];
  /** A data folder to use (and keep) instead of a fresh temp one: restarts on the same SQLite file. */
  dataDir?: string;
  /** More `buildApp` options, e.g. a logger whose stream the test reads. */
  app?: Omit<BuildAppOptions, "oauth">;
  /** Config values to fix (session secret and token key a restarted server reads back, trusted proxies, timeouts). */
  config?: Partial<ServerConfig>;
}

export async function startOAuthHarness(options: OAuthHarnessOptions = {}): Promise<OAuthHarness> {
  const dir =
    options.dataDir === undefined ? tempDir("wxdesk-oauth-") : { path: options.dataDir, remove() {} };
  const sandbox = await startSandbox({});
  const redisKeyPrefix = options.redisUrl ? testRedisPrefix() : undefined;
  const port = await freePort();
  const config = testConfig(sandbox.url, dir.path, {
    port,
    publicUrl: `${options.publicScheme ?? "http"}://127.0.0.1:${port}`,
    nextAllow: options.nextAllow ?? [],
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...options.config,
  });
  const ctx = await createAppContext(config, {
    ...(redisKeyPrefix ? { redisKeyPrefix } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await buildApp(ctx, { ...options.app, oauth: { retryBaseDelayMs: 5 } });
  await app.listen({ port, host: "127.0.0.1" });
  const url = `http://127.0.0.1:${port}`;

  const sandboxJson = sandboxJsonCaller(sandbox.url);
  const users = (await sandboxJson<SandboxUserRow[]>("/_sandbox/users")).body;

  return {
    sandbox,
    app,
    ctx,
    url,
    config,
    users,
    sandboxJson,
    calls: async () => (await sandboxJson<{ calls: Record<string, number> }>("/_sandbox/stats")).body.calls,
    async close() {
      await app.close();
      await ctx.close();
      await sandbox.close();
      if (options.redisUrl && redisKeyPrefix) await dropRedisPrefix(options.redisUrl, redisKeyPrefix);
      dir.remove();
    },
  };
}

/** A tiny browser: a cookie jar (name, value, path; Max-Age=0 deletes) and manual redirects. */
export class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path = "/"): void {
    this.cookies.set(name, { value, path });
  }

  /** The raw Set-Cookie lines of the last response, for flag checks. */
  lastSetCookies: string[] = [];

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const header = [...this.cookies.entries()]
      .filter(
        ([, c]) =>
          target.pathname === c.path ||
          target.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
    const headers = new Headers(init.headers);
    if (header) headers.set("cookie", header);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const c of readSetCookies(this.lastSetCookies)) {
      if (c.expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, { value: c.value, path: c.path });
    }
    return response;
  }
}

export interface StartedFlow {
  /** The authorize URL our server redirected to. */
  authorizeUrl: URL;
  state: string;
  redirectUri: string;
}

/** `GET /oauth/start…` → the authorize URL and its state. */
export async function startFlow(h: OAuthHarness, browser: Browser, query: string): Promise<StartedFlow> {
  const response = await browser.fetch(`${h.url}/oauth/start${query}`);
  if (response.status !== 302) throw new Error(`start answered ${response.status}: ${await response.text()}`);
  const authorizeUrl = new URL(response.headers.get("location") ?? "");
  return {
    authorizeUrl,
    state: authorizeUrl.searchParams.get("state") ?? "",
    redirectUri: authorizeUrl.searchParams.get("redirect_uri") ?? "",
  };
}

/** WeChat's consent, through the sandbox control API: the callback URL with a fresh code. */
export async function consent(
  h: OAuthHarness,
  flow: StartedFlow,
  openid?: string,
  scope = flow.authorizeUrl.searchParams.get("scope") ?? "snsapi_base",
): Promise<string> {
  const { status, body } = await h.sandboxJson<{ location: string }>("/_sandbox/consent", {
    appid: SANDBOX_DEFAULTS.appid,
    redirect_uri: flow.redirectUri,
    scope,
    state: flow.state,
    ...(openid ? { openid } : {}),
  });
  if (status !== 200) throw new Error(`consent failed: ${status} ${JSON.stringify(body)}`);
  return toLocal(h, body.location);
}

/** Callback URLs name the public URL (maybe https); the test reaches the same server over http. */
export function toLocal(h: OAuthHarness, location: string): string {
  const url = new URL(location);
  const local = new URL(h.url);
  url.protocol = local.protocol;
  url.host = local.host;
  return url.href;
}

/** start → consent → callback → follow to the landing page. Returns the landing HTML. */
export async function fullJourney(
  h: OAuthHarness,
  browser: Browser,
  p: { scope?: string; openid?: string; next?: string } = {},
): Promise<{ callbackUrl: string; callback: Response; landing: Response; html: string }> {
  const query = new URLSearchParams({
    scope: p.scope ?? "snsapi_userinfo",
    ...(p.next ? { next: p.next } : {}),
  });
  const flow = await startFlow(h, browser, `?${query.toString()}`);
  const callbackUrl = await consent(h, flow, p.openid);
  const callback = await browser.fetch(callbackUrl);
  const location = callback.headers.get("location");
  const landing = await browser.fetch(new URL(location ?? "/", h.url).href);
  return { callbackUrl, callback, landing, html: await landing.text() };
}

/** The hidden fields of the sandbox consent sheet (the form a WeChat user taps 允许 / 拒绝 on). */
export function consentForm(html: string): { action: string; fields: URLSearchParams } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? "";
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(match[1] ?? "", (match[2] ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
  }
  return { action: action.replaceAll("&amp;", "&"), fields };
}

/** Taps 允许 or 拒绝 on the sandbox's consent sheet (its HTML): the sandbox's answer, unfollowed. */
export async function submitConsent(
  h: OAuthHarness,
  sheetHtml: string,
  decision: "allow" | "deny",
): Promise<Response> {
  const { action, fields } = consentForm(sheetHtml);
  fields.set("decision", decision);
  return fetch(new URL(action, h.sandbox.url), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields.toString(),
    redirect: "manual",
  });
}

const AUTHORIZE_PATH = "/connect/oauth2/authorize";

/** Is `url` WeChat's (the sandbox's) authorize page? */
export function isAuthorizeUrl(h: OAuthHarness, url: string): boolean {
  const parsed = new URL(url);
  return parsed.origin === new URL(h.sandbox.url).origin && parsed.pathname === AUTHORIZE_PATH;
}

/**
 * WeChat's side of an authorize URL, through the sandbox's own pages as `openid`: silent for
 * snsapi_base, 允许 (or 拒绝) on the consent sheet for snsapi_userinfo. Returns the callback URL (local).
 */
export async function authorizeInSandbox(
  h: OAuthHarness,
  authorizeUrl: string,
  openid: string,
  decision: "allow" | "deny" = "allow",
): Promise<string> {
  const page = new URL(authorizeUrl);
  page.searchParams.set("sandbox_openid", openid);
  let answer = await fetch(page, { redirect: "manual" });
  if (answer.status === 200) answer = await submitConsent(h, await answer.text(), decision);
  const location = answer.headers.get("location");
  if (answer.status !== 302 || !location) throw new Error(`the sandbox answered ${answer.status}`);
  return toLocal(h, location);
}

export interface JourneyEnd {
  /** The last answer: a page, or the redirect that leaves the OAuth flow. */
  response: Response;
  /** That redirect's Location as sent; null when the journey ended on a page. */
  location: string | null;
  /** How many times the browser went through WeChat's authorize page (1 = no restart). */
  authorizations: number;
}

/**
 * Follows a journey from `url` as a WeChat browser would: our redirects and WeChat's authorize
 * pages (as `openid`), until a page or a redirect elsewhere. Throws after `maxHops` (a loop).
 */
export async function followJourney(
  h: OAuthHarness,
  browser: Browser,
  url: string,
  openid: string,
  maxHops = 20,
): Promise<JourneyEnd> {
  let current = url;
  let authorizations = 0;
  for (let hop = 0; hop < maxHops; hop++) {
    if (isAuthorizeUrl(h, current)) {
      authorizations++;
      current = await authorizeInSandbox(h, current, openid);
      continue;
    }
    const response = await browser.fetch(current);
    const location = response.headers.get("location");
    if (response.status !== 302 || location === null) return { response, location: null, authorizations };
    const target = new URL(location, current).href;
    if (!isAuthorizeUrl(h, target)) return { response, location, authorizations };
    current = target;
  }
  throw new Error(`the journey from ${url} did not end within ${maxHops} hops`);
}

export interface JourneyRun {
  /** Ended with the redirect to `next`. */
  completed: boolean;
  /** Wall time from `/oauth/start` to that last answer. */
  ms: number;
  /** Times through WeChat's authorize page (1 = no automatic restart). */
  authorizations: number;
  /** The last status and, for a page, its title; or the error that stopped the journey. */
  end: string;
}

/**
 * `count` full journeys, each in a fresh browser as the next non-snapshot fixture user, started at
 * `/oauth/start?scope=…&next=…` and followed through the sandbox's pages; `concurrency` at a time
 * (1 = one after another: with the sandbox's seeded fault coin flips, the same run every time).
 */
export async function runJourneys(
  h: OAuthHarness,
  p: { count: number; concurrency?: number; scope?: "snsapi_base" | "snsapi_userinfo"; next?: string },
): Promise<JourneyRun[]> {
  const people = h.users.filter((u) => !u.snapshot);
  const next = p.next ?? "/done";
  const query = new URLSearchParams({ scope: p.scope ?? "snsapi_userinfo", next });
  const runs: JourneyRun[] = [];
  let started = 0;
  async function worker(): Promise<void> {
    while (started < p.count) {
      const person = people[started++ % people.length];
      const t0 = performance.now();
      try {
        const end = await followJourney(
          h,
          new Browser(),
          `${h.url}/oauth/start?${query}`,
          person?.openid ?? "",
        );
        const title =
          end.location === null ? /<title>([^<]*)</.exec(await end.response.text())?.[1] : undefined;
        runs.push({
          completed: end.location === next,
          ms: performance.now() - t0,
          authorizations: end.authorizations,
          end: `${end.response.status} ${end.location ?? title ?? ""}`,
        });
      } catch (error) {
        runs.push({ completed: false, ms: performance.now() - t0, authorizations: 0, end: String(error) });
      }
    }
  }
  await Promise.all(Array.from({ length: p.concurrency ?? 1 }, worker));
  return runs;
}
