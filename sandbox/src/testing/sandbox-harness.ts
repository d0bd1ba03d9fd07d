import { createWeChatClient, type WeChatClient } from "@wxdesk/wechat";
import { type StartedSandbox, startSandbox } from "../build-sandbox.js";
import { SANDBOX_DEFAULTS, type SandboxOptions } from "../state/fixtures.js";

/** Test harness: a real sandbox on a random port, plus the real `@wxdesk/wechat` client pointed at it. */
export interface Harness {
  sandbox: StartedSandbox;
  url: string;
  client: WeChatClient;
  /** fetch relative to the sandbox. */
  get(path: string, init?: RequestInit): Promise<Response>;
  json<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<T>;
  post(path: string, body: unknown, method?: string): Promise<Response>;
  /** A fresh code via `POST /_sandbox/consent`. */
  code(p?: { openid?: string; scope?: string; appid?: string; state?: string }): Promise<string>;
  advance(seconds: number): Promise<void>;
  /** A fresh cgi-bin/token for the default app. */
  globalToken(): Promise<string>;
  close(): Promise<void>;
}

export const APPID = SANDBOX_DEFAULTS.appid;
export const SECRET = SANDBOX_DEFAULTS.secret;

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const url = sandbox.url;
  const client = createWeChatClient({ apiBase: url, retries: 0, timeoutMs: 3000 });
  const get = (path: string, init?: RequestInit) => fetch(`${url}${path}`, { redirect: "manual", ...init });
  const post = (path: string, body: unknown, method = "POST") =>
    fetch(`${url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      redirect: "manual",
    });
  const harness: Harness = {
    sandbox,
    url,
    client,
    get,
    post,
    json: async <T>(path: string, init?: RequestInit) => (await (await get(path, init)).json()) as T,
    code: async (p = {}) => {
      const res = await post("/_sandbox/consent", {
        appid: p.appid ?? APPID,
        redirect_uri: "http://127.0.0.1:3000/cb",
        scope: p.scope ?? "snsapi_userinfo",
        state: p.state ?? "s1",
        ...(p.openid ? { openid: p.openid } : {}),
      });
      if (res.status !== 200) throw new Error(`consent failed: ${res.status} ${await res.text()}`);
      const { location } = (await res.json()) as { location: string };
      const code = new URL(location).searchParams.get("code");
      if (!code) throw new Error(`no code in ${location}`);
      return code;
    },
    advance: async (seconds) => {
      const res = await post("/_sandbox/clock", { advanceSeconds: seconds });
      if (res.status !== 200) throw new Error(`clock failed: ${res.status}`);
    },
    globalToken: async () => (await client.getAccessToken({ appid: APPID, secret: SECRET })).accessToken,
    close: () => sandbox.close(),
  };
  return harness;
}

export interface ListedUser {
  id: string;
  openid: string;
  nickname: string;
  unionid?: string;
  headimgurl: string;
  tags: number[];
  platform: string;
  snapshot: boolean;
}

export async function listUsers(h: Harness): Promise<ListedUser[]> {
  return await h.json<ListedUser[]>("/_sandbox/users");
}
