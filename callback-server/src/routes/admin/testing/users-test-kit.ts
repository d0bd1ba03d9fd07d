import type { UserRecord } from "../../../store/store-types.js";
import {
  Browser,
  fullJourney,
  type OAuthHarness,
  type SandboxUserRow,
} from "../../oauth/testing/oauth-test-harness.js";

/** Test-only helpers for the admin read API: calls with each key, real authorizations, stored secrets. */

export type KeyChoice = "admin" | "support" | "service" | "none";

export interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The raw answer, for searching it for secrets. */
  text: string;
  headers: Headers;
}

export interface ErrorAnswer {
  error: { code: string; message: string; messageZh: string; field?: string; [extra: string]: unknown };
}

/** `/admin/api<path>` with the chosen key; JSON in and out. */
export async function api<T>(
  h: OAuthHarness,
  method: string,
  path: string,
  options: { key?: KeyChoice; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const key = options.key ?? "admin";
  const headers: Record<string, string> = { ...options.headers };
  if (key !== "none") {
    const keys = { admin: h.config.adminKey, support: h.config.supportKey, service: h.config.serviceKeys[0] };
    headers.authorization = `Bearer ${keys[key]}`;
  }
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${h.url}/admin/api${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    text,
    headers: response.headers,
  };
}

/** Asserts the error shape of docs/admin-api.md and returns the code (for `expect(...).toBe`). */
export function errorCode(answer: ApiAnswer<unknown>): string {
  const body = answer.body as Partial<ErrorAnswer> | undefined;
  const error = body?.error;
  if (
    !error ||
    typeof error.message !== "string" ||
    typeof error.messageZh !== "string" ||
    !error.messageZh
  ) {
    throw new Error(`not the error shape: ${answer.status} ${answer.text}`);
  }
  return error.code;
}

/** A real authorization through our server and the sandbox, as the fixture user with this nickname. */
export async function authorizeAs(
  h: OAuthHarness,
  nickname: string,
  scope: "snsapi_base" | "snsapi_userinfo" = "snsapi_userinfo",
): Promise<SandboxUserRow> {
  const user = h.users.find((u) => u.nickname === nickname);
  if (!user) throw new Error(`no sandbox fixture user ${nickname}`);
  const journey = await fullJourney(h, new Browser(), { scope, openid: user.openid });
  if (journey.callback.status !== 302) throw new Error(`callback answered ${journey.callback.status}`);
  return user;
}

async function allUsers(h: OAuthHarness): Promise<UserRecord[]> {
  const users: UserRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await h.ctx.store.searchUsers({ limit: 200, ...(cursor ? { cursor } : {}) });
    users.push(...page.users);
    cursor = page.nextCursor;
  } while (cursor);
  return users;
}

/**
 * Every user token in the store right now, decrypted (and sealed, as stored): what must never
 * appear in an answer. Call it after each action, since refreshes replace them.
 */
export async function storedSecrets(h: OAuthHarness, into: Set<string> = new Set()): Promise<Set<string>> {
  for (const user of await allUsers(h)) {
    const { accessTokenEnc, refreshTokenEnc } = user.tokens;
    into.add(accessTokenEnc).add(refreshTokenEnc);
    into.add(h.ctx.cipher.decrypt(accessTokenEnc)).add(h.ctx.cipher.decrypt(refreshTokenEnc));
  }
  return into;
}
