import type { ConfigProblem } from "./config-problem.js";

/** What an app may ask for: `openid` (who) and `profile` (nickname and avatar). */
export type OidcScope = "openid" | "profile";

/** Which WeChat identifier becomes the app's `sub`: the openid, or the unionid when WeChat gives one. */
export type OidcSubject = "openid" | "unionid";

/**
 * One app (relying party) from `WXDESK_OIDC_CLIENTS`. Read-only at run time: the admin API lists it
 * but changes only the apps it created itself.
 */
export interface OidcClientConfig {
  clientId: string;
  /** Absent: a public app (a page or phone app that cannot keep a secret); PKCE is then required. */
  clientSecret?: string;
  redirectUris: string[];
  /** Shown in the activity stream 「商城：李娜 登录」; the client id when not given. */
  name: string;
  sub: OidcSubject;
  scopes: OidcScope[];
}

export const CLIENT_ID = /^[A-Za-z0-9._~-]{3,128}$/;
/** At least 32 characters: `openssl rand -base64 32` gives 44. Printable ASCII, no spaces. */
export const CLIENT_SECRET = /^[\x21-\x7e]{32,512}$/;
export const MAX_REDIRECT_URIS = 20;
export const MAX_APP_NAME = 64;
const MAX_CLIENTS = 100;
const MAX_URI_LENGTH = 2048;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  "client_id",
  "client_secret",
  "redirect_uris",
  "name",
  "sub",
  "scope",
]);

export interface Words {
  zh: string;
  en: string;
}

/**
 * Why a redirect_uri cannot be registered, or undefined when it can. The same rule for
 * `WXDESK_OIDC_CLIENTS` and the admin API: an absolute https URL (http only on this machine,
 * 127.0.0.1 / localhost / [::1], for development), no fragment, no user name or password. The
 * code travels in it, so plain http across a network would hand it to anyone on the way.
 */
export function redirectUriProblem(uri: string): Words | undefined {
  if (uri.length === 0 || uri.length > MAX_URI_LENGTH || uri.trim() !== uri) {
    return {
      zh: "应为 1–2048 个字符、前后无空格的网址",
      en: "must be a URL of 1 to 2048 characters without surrounding spaces",
    };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return {
      zh: "不是完整的网址（应以 https:// 开头）",
      en: "is not an absolute URL (it should start with https://)",
    };
  }
  if (
    url.protocol !== "https:" &&
    !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.host.replace(/:\d+$/, "")))
  ) {
    return {
      zh: "应以 https:// 开头（只有本机地址 127.0.0.1 / localhost 可以用 http://）",
      en: "must use https:// (plain http:// only for this machine: 127.0.0.1 / localhost)",
    };
  }
  if (uri.includes("#")) return { zh: "不能含有 # 片段", en: "must not contain a # fragment" };
  if (url.username || url.password) {
    return { zh: "不能含有用户名或密码", en: "must not contain a user name or password" };
  }
  return undefined;
}

/** `openid` or `openid profile` (any order); undefined for anything else. */
export function parseScopes(text: string): OidcScope[] | undefined {
  const words = [...new Set(text.split(" ").filter(Boolean))];
  if (!words.includes("openid") || !words.every((w) => w === "openid" || w === "profile")) return undefined;
  return words.includes("profile") ? ["openid", "profile"] : ["openid"];
}

/**
 * `WXDESK_OIDC_CLIENTS`: a JSON array of `{client_id, client_secret?, redirect_uris, name?, sub?,
 * scope?}`. Every problem of every entry is reported (zh-CN first, English), never a value.
 */
export function parseOidcClients(json: string): { clients: OidcClientConfig[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const field = "WXDESK_OIDC_CLIENTS";
  const problem = (where: string, words: Words) =>
    problems.push({
      field,
      messageZh: `${field}${where}：${words.zh}`,
      messageEn: `${field}${where}: ${words.en}`,
    });

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    problem("", { zh: "不是有效的 JSON", en: "is not valid JSON" });
    return { clients: [], problems };
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_CLIENTS) {
    problem("", {
      zh: `应为 JSON 数组，最多 ${MAX_CLIENTS} 个应用`,
      en: `must be a JSON array of at most ${MAX_CLIENTS} apps`,
    });
    return { clients: [], problems };
  }

  const clients: OidcClientConfig[] = [];
  const seen = new Set<string>();
  parsed.forEach((entry: unknown, i) => {
    const at = `[${i}]`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      problem(at, {
        zh: "应为对象 {client_id, redirect_uris, …}",
        en: "must be an object {client_id, redirect_uris, …}",
      });
      return;
    }
    const o = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(o)) {
      if (!KNOWN_FIELDS.has(key)) problem(`${at}.${key}`, { zh: "不是已知字段", en: "is not a known field" });
    }
    const clientId = o.client_id;
    if (typeof clientId !== "string" || !CLIENT_ID.test(clientId)) {
      problem(`${at}.client_id`, {
        zh: "应为 3–128 个字母、数字或 . _ ~ -",
        en: "must be 3 to 128 letters, digits or . _ ~ -",
      });
    } else if (seen.has(clientId)) {
      problem(`${at}.client_id`, { zh: "与前面的应用重复", en: "repeats an earlier app's client_id" });
    }
    if (typeof clientId === "string") seen.add(clientId);
    const secret = o.client_secret;
    if (secret !== undefined && (typeof secret !== "string" || !CLIENT_SECRET.test(secret))) {
      problem(`${at}.client_secret`, {
        zh: "至少 32 个字符且不含空格（可用 openssl rand -base64 32 生成）",
        en: "must be at least 32 characters without spaces (openssl rand -base64 32 makes one)",
      });
    }
    const uris = o.redirect_uris;
    if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_REDIRECT_URIS) {
      problem(`${at}.redirect_uris`, {
        zh: `应为 1–${MAX_REDIRECT_URIS} 个网址的数组`,
        en: `must be an array of 1 to ${MAX_REDIRECT_URIS} URLs`,
      });
    } else {
      uris.forEach((uri: unknown, j) => {
        const why =
          typeof uri === "string" ? redirectUriProblem(uri) : { zh: "应为字符串", en: "must be a string" };
        if (why) problem(`${at}.redirect_uris[${j}]`, why);
      });
    }
    const name = o.name;
    if (
      name !== undefined &&
      (typeof name !== "string" || name.trim() === "" || name.trim().length > MAX_APP_NAME)
    ) {
      problem(`${at}.name`, {
        zh: `应为 1–${MAX_APP_NAME} 个字符`,
        en: `must be 1 to ${MAX_APP_NAME} characters`,
      });
    }
    const sub = o.sub ?? "openid";
    if (sub !== "openid" && sub !== "unionid") {
      problem(`${at}.sub`, { zh: "只能是 openid 或 unionid", en: "must be openid or unionid" });
    }
    const scopes =
      o.scope === undefined
        ? ["openid", "profile"]
        : typeof o.scope === "string"
          ? parseScopes(o.scope)
          : undefined;
    if (!scopes) {
      problem(`${at}.scope`, {
        zh: '只能是 "openid" 或 "openid profile"',
        en: 'must be "openid" or "openid profile"',
      });
    }
    if (problems.length > before) return;
    clients.push({
      clientId: clientId as string,
      ...(secret === undefined ? {} : { clientSecret: secret as string }),
      redirectUris: [...(uris as string[])],
      name: typeof name === "string" ? name.trim() : (clientId as string),
      sub: sub as OidcSubject,
      scopes: scopes as OidcScope[],
    });
  });
  return { clients, problems };
}
