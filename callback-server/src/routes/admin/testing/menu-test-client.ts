import type { FaultRule } from "@wxdesk/sandbox";
import type { MenuButton } from "@wxdesk/wechat";
import type { OAuthHarness } from "../../oauth/testing/oauth-test-harness.js";

/** Test-only: the admin API over real HTTP, as the desktop calls it. */
export interface AdminCall {
  /** Default: the admin key; `null` sends no Authorization header. */
  key?: "admin" | "support" | null;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  /** Sent as is (malformed JSON tests). */
  raw?: string;
  contentType?: string;
}

export interface AdminAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ErrorAnswer {
  error: { code: string; message: string; messageZh: string; [extra: string]: unknown };
}

export interface ServerUnderTest {
  url: string;
  config: { adminKey?: string | undefined; supportKey?: string | undefined };
}

export async function adminApi<T = Record<string, unknown>>(
  server: ServerUnderTest,
  method: string,
  path: string,
  call: AdminCall = {},
): Promise<AdminAnswer<T>> {
  const headers = new Headers();
  const key = call.key === undefined ? "admin" : call.key;
  if (key === "admin") headers.set("authorization", `Bearer ${server.config.adminKey}`);
  if (key === "support") headers.set("authorization", `Bearer ${server.config.supportKey}`);
  let body: string | undefined;
  if (call.raw !== undefined) body = call.raw;
  else if (call.body !== undefined) body = JSON.stringify(call.body);
  if (body !== undefined) headers.set("content-type", call.contentType ?? "application/json");
  const response = await fetch(`${server.url}/admin/api${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text: a test asserting JSON will fail on it with the text in view.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** The sandbox's own `menu/get` with the server's global token: what "WeChat" holds, not what we say. */
export async function sandboxMenu(
  h: OAuthHarness,
): Promise<{ errcode?: number; menu?: { button: MenuButton[] }; conditionalmenu?: unknown[] }> {
  const token = await h.ctx.globalTokens.getAccessToken();
  const response = await fetch(`${h.sandbox.url}/cgi-bin/menu/get?access_token=${encodeURIComponent(token)}`);
  return (await response.json()) as { errcode?: number; menu?: { button: MenuButton[] } };
}

export async function setFaults(h: Pick<OAuthHarness, "sandboxJson">, rules: FaultRule[]): Promise<void> {
  const { status } = await h.sandboxJson("/_sandbox/faults", rules, "PUT");
  if (status !== 200) throw new Error(`PUT /_sandbox/faults answered ${status}`);
}

/** The menu WeChat shows for a menu as published (§7.3): every button carries `sub_button`. */
export function asShown(button: MenuButton[]): MenuButton[] {
  return button.map(({ sub_button: sub, ...rest }) => ({ ...rest, sub_button: asShown(sub ?? []) }));
}

/** A small valid default menu whose first button's name tells versions apart. */
export function sampleMenu(label: string): { button: MenuButton[] } {
  return {
    button: [
      { type: "click", name: label, key: `KEY_${label}` },
      {
        name: "更多",
        sub_button: [
          { type: "view", name: "官网", url: "https://example.com/" },
          { type: "click", name: "联系我们", key: "V1001_CONTACT" },
        ],
      },
    ],
  };
}
