// The authorize part alone: the cluster primary checks settings without loading the WeChat client.
import { isValidAppId } from "@wxdesk/wechat/authorize";
import { z } from "zod";
import { isTrustedProxyList } from "./trusted-proxies.js";

/** Every setting the server reads, by its env var name (the config file uses the same names). */
export const CONFIG_KEYS = [
  "WXDESK_PORT",
  "WXDESK_HOST",
  "WXDESK_APPID",
  "WXDESK_SECRET",
  "WXDESK_PUBLIC_URL",
  "WXDESK_WECHAT_API_BASE",
  "WXDESK_WECHAT_OPEN_BASE",
  "WXDESK_DB",
  "REDIS_URL",
  "WXDESK_ADMIN_KEY",
  "WXDESK_SUPPORT_KEY",
  "WXDESK_SERVICE_KEYS",
  "WXDESK_MSG_TOKEN",
  "WXDESK_MSG_AES_KEY",
  "WXDESK_NEXT_ALLOW",
  "WXDESK_SESSION_SECRET",
  "WXDESK_TOKEN_KEY",
  "WXDESK_ACCEPT_NEW_TOKEN_KEY",
  "WXDESK_MP_VERIFY",
  "WXDESK_TOKEN_SOURCE",
  "WXDESK_PUSH_MAX_SKEW_SECONDS",
  "WXDESK_TRUST_PROXY",
  "WXDESK_HEADERS_TIMEOUT",
  "WXDESK_REQUEST_TIMEOUT",
  "WXDESK_KEEPALIVE_TIMEOUT",
  "WXDESK_IDLE_TIMEOUT",
  "WXDESK_OIDC_CLIENTS",
  "WXDESK_WORKERS",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
] as const;

/** Read from the environment in either case (`https_proxy` too), as curl and most tools do. */
export const PROXY_KEYS = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"] as const satisfies readonly ConfigKey[];

export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface FieldRule {
  schema: z.ZodType<string>;
  zh: string;
  en: string;
}

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    if (url.username || url.password || url.hash || url.search) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** An absolute http(s) origin: no path (a lone `/` is fine), no query, no fragment. */
export function isHttpOrigin(value: string): boolean {
  const url = httpUrl(value);
  return url !== undefined && url.pathname === "/";
}

const origin = z.string().refine(isHttpOrigin);

/** A forward proxy: http(s)://[user:password@]host[:port][/]. */
function isProxyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.search && !url.hash;
  } catch {
    return false;
  }
}
const baseUrl = z.string().refine((v) => httpUrl(v) !== undefined);
const bearerKey = z.string().regex(/^[\x21-\x7e]{24,512}$/);

/** WXDESK_SERVICE_KEYS as a list: comma-separated, blanks around each ignored. */
export function splitServiceKeys(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The range WXDESK_PUSH_MAX_SKEW_SECONDS may take (default 300, see load-config.ts). */
export const PUSH_SKEW_LIMITS = { min: 30, max: 3600 } as const;
/** Whole seconds from `min` to `max` (the HTTP timeouts). */
function seconds(min: number, max: number): z.ZodType<string> {
  return z
    .string()
    .regex(/^\d{1,5}$/)
    .refine((v) => Number(v) >= min && Number(v) <= max);
}

/** The most worker processes WXDESK_WORKERS may ask for. */
export const MAX_WORKERS = 64;

/** Format rules with the message shown when a value breaks them (zh-CN first, then English). */
export const FIELD_RULES: Record<ConfigKey, FieldRule> = {
  WXDESK_PORT: {
    schema: z
      .string()
      .regex(/^\d{1,5}$/)
      .refine((v) => Number(v) <= 65_535),
    zh: "WXDESK_PORT 应为 0–65535 的端口号",
    en: "WXDESK_PORT must be a port number from 0 to 65535",
  },
  WXDESK_HOST: {
    schema: z.string().regex(/^[A-Za-z0-9.:[\]_-]{1,255}$/),
    zh: "WXDESK_HOST 应为监听地址，例如 0.0.0.0 或 127.0.0.1",
    en: "WXDESK_HOST must be a listen address such as 0.0.0.0 or 127.0.0.1",
  },
  WXDESK_APPID: {
    schema: z.string().refine(isValidAppId),
    zh: "WXDESK_APPID 应为 wx 开头的 18 位 AppID",
    en: "WXDESK_APPID must be an 18-character AppID starting with wx",
  },
  WXDESK_SECRET: {
    schema: z.string().regex(/^[A-Za-z0-9]{32}$/),
    zh: "WXDESK_SECRET 应为 32 位 AppSecret（字母和数字）",
    en: "WXDESK_SECRET must be the 32-character AppSecret (letters and digits)",
  },
  WXDESK_PUBLIC_URL: {
    schema: origin,
    zh: "WXDESK_PUBLIC_URL 应为不带路径的 http(s) 地址，例如 https://wx.example.com",
    en: "WXDESK_PUBLIC_URL must be an absolute http(s) origin without a path, e.g. https://wx.example.com",
  },
  WXDESK_WECHAT_API_BASE: {
    schema: baseUrl,
    zh: "WXDESK_WECHAT_API_BASE 应为 http(s) 地址",
    en: "WXDESK_WECHAT_API_BASE must be an absolute http(s) URL",
  },
  WXDESK_WECHAT_OPEN_BASE: {
    schema: baseUrl,
    zh: "WXDESK_WECHAT_OPEN_BASE 应为 http(s) 地址",
    en: "WXDESK_WECHAT_OPEN_BASE must be an absolute http(s) URL",
  },
  WXDESK_DB: {
    schema: z.string().min(1).max(4096),
    zh: "WXDESK_DB 应为 SQLite 数据库文件路径",
    en: "WXDESK_DB must be the path of the SQLite database file",
  },
  HTTPS_PROXY: {
    schema: z.string().refine(isProxyUrl),
    zh: "HTTPS_PROXY 应为 http:// 或 https:// 代理地址",
    en: "HTTPS_PROXY must be an http:// or https:// proxy URL",
  },
  HTTP_PROXY: {
    schema: z.string().refine(isProxyUrl),
    zh: "HTTP_PROXY 应为 http:// 或 https:// 代理地址",
    en: "HTTP_PROXY must be an http:// or https:// proxy URL",
  },
  NO_PROXY: {
    schema: z.string().regex(/^[\x20-\x7e]{1,4000}$/),
    zh: "NO_PROXY 应为以逗号分隔的主机名列表",
    en: "NO_PROXY must be a comma-separated list of host names",
  },
  REDIS_URL: {
    schema: z.string().refine((v) => {
      try {
        const url = new URL(v);
        return url.protocol === "redis:" || url.protocol === "rediss:";
      } catch {
        return false;
      }
    }),
    zh: "REDIS_URL 应为 redis:// 或 rediss:// 地址",
    en: "REDIS_URL must be a redis:// or rediss:// URL",
  },
  WXDESK_ADMIN_KEY: {
    schema: bearerKey,
    zh: "WXDESK_ADMIN_KEY 至少 24 个字符，且不含空格",
    en: "WXDESK_ADMIN_KEY must be at least 24 characters without spaces",
  },
  WXDESK_SUPPORT_KEY: {
    schema: bearerKey,
    zh: "WXDESK_SUPPORT_KEY 至少 24 个字符，且不含空格",
    en: "WXDESK_SUPPORT_KEY must be at least 24 characters without spaces",
  },
  WXDESK_SERVICE_KEYS: {
    // A comma separates the keys, so no key may hold one (bearerKey's printable range would allow it).
    schema: z.string().refine((v) => {
      const keys = splitServiceKeys(v);
      return (
        keys.length > 0 &&
        keys.length <= 50 &&
        keys.every((k) => !k.includes(",") && bearerKey.safeParse(k).success)
      );
    }),
    zh: "WXDESK_SERVICE_KEYS 应为逗号分隔的服务密钥（最多 50 个），每个至少 24 个字符，不含空格和逗号",
    en: "WXDESK_SERVICE_KEYS must be comma-separated service keys (at most 50), each at least 24 characters without spaces or commas",
  },
  WXDESK_MSG_TOKEN: {
    // The MP console accepts 3–32 letters and digits for the message Token (§9.1).
    schema: z.string().regex(/^[A-Za-z0-9]{3,32}$/),
    zh: "WXDESK_MSG_TOKEN 应为 3–32 位字母或数字（与公众平台“服务器配置”的 Token 一致）",
    en: "WXDESK_MSG_TOKEN must be 3–32 letters or digits (the Token in the MP console's server settings)",
  },
  WXDESK_MSG_AES_KEY: {
    schema: z.string().regex(/^[A-Za-z0-9]{43}$/),
    zh: "WXDESK_MSG_AES_KEY 应为 43 位 EncodingAESKey（字母和数字）",
    en: "WXDESK_MSG_AES_KEY must be the 43-character EncodingAESKey (letters and digits)",
  },
  WXDESK_NEXT_ALLOW: {
    schema: z.string().refine((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .every(isHttpOrigin),
    ),
    zh: "WXDESK_NEXT_ALLOW 应为逗号分隔的 http(s) 源（不带路径），例如 https://a.example.com,https://b.example.com",
    en: "WXDESK_NEXT_ALLOW must be comma-separated http(s) origins without paths, e.g. https://a.example.com,https://b.example.com",
  },
  WXDESK_SESSION_SECRET: {
    schema: z.string().min(32).max(1024),
    zh: "WXDESK_SESSION_SECRET 至少 32 个字符（不设置则自动生成）",
    en: "WXDESK_SESSION_SECRET must be at least 32 characters (leave it unset to generate one)",
  },
  WXDESK_TOKEN_KEY: {
    schema: z.string().regex(/^[0-9a-fA-F]{64}$/),
    zh: "WXDESK_TOKEN_KEY 应为 64 位十六进制字符（不设置则自动生成）",
    en: "WXDESK_TOKEN_KEY must be 64 hexadecimal characters (leave it unset to generate one)",
  },
  WXDESK_ACCEPT_NEW_TOKEN_KEY: {
    schema: z.string().regex(/^[0-9a-fA-F]{12}$/),
    zh: "WXDESK_ACCEPT_NEW_TOKEN_KEY 应为 12 位十六进制字符：服务器拒绝启动时提示的当前 token-key 指纹",
    en: "WXDESK_ACCEPT_NEW_TOKEN_KEY must be 12 hexadecimal characters: the current token-key's fingerprint the server printed when it refused to start",
  },
  WXDESK_MP_VERIFY: {
    schema: z.string().min(1).max(4096),
    zh: "WXDESK_MP_VERIFY 应为 MP_verify_xxx.txt 文件的路径，或“文件名:内容”",
    en: "WXDESK_MP_VERIFY must be the path of the MP_verify_xxx.txt file, or name:content",
  },
  WXDESK_TOKEN_SOURCE: {
    schema: z.enum(["stable_token", "token"]),
    zh: "WXDESK_TOKEN_SOURCE 只能是 stable_token 或 token",
    en: "WXDESK_TOKEN_SOURCE must be stable_token or token",
  },
  WXDESK_PUSH_MAX_SKEW_SECONDS: {
    // Below 30 s WeChat's own retries (3 attempts, 5 s apart, §9.3) and ordinary clock drift would be
    // turned away; above an hour a captured push stays replayable for too long.
    schema: z
      .string()
      .regex(/^\d{1,4}$/)
      .refine((v) => Number(v) >= PUSH_SKEW_LIMITS.min && Number(v) <= PUSH_SKEW_LIMITS.max),
    zh: `WXDESK_PUSH_MAX_SKEW_SECONDS 应为 ${PUSH_SKEW_LIMITS.min}–${PUSH_SKEW_LIMITS.max} 的整数秒数（推送时间与服务器时钟的最大相差）`,
    en: `WXDESK_PUSH_MAX_SKEW_SECONDS must be a whole number of seconds from ${PUSH_SKEW_LIMITS.min} to ${PUSH_SKEW_LIMITS.max} (how far a push's timestamp may be from the server clock)`,
  },
  WXDESK_TRUST_PROXY: {
    schema: z.string().refine(isTrustedProxyList),
    zh: "WXDESK_TRUST_PROXY 应为逗号分隔的代理地址或网段，例如 127.0.0.1、10.0.0.0/8 或 loopback；不接受 true、* 或 0.0.0.0/0：那样任何人都能伪造自己的 IP",
    en: "WXDESK_TRUST_PROXY must be comma-separated proxy addresses or networks, e.g. 127.0.0.1, 10.0.0.0/8 or loopback; true, * and 0.0.0.0/0 are refused: they would let anyone fake their IP",
  },
  WXDESK_HEADERS_TIMEOUT: {
    schema: seconds(1, 600),
    zh: "WXDESK_HEADERS_TIMEOUT 应为 1–600 之间的整数（秒）",
    en: "WXDESK_HEADERS_TIMEOUT must be a whole number of seconds from 1 to 600",
  },
  WXDESK_REQUEST_TIMEOUT: {
    schema: seconds(1, 3600),
    zh: "WXDESK_REQUEST_TIMEOUT 应为 1–3600 之间的整数（秒）",
    en: "WXDESK_REQUEST_TIMEOUT must be a whole number of seconds from 1 to 3600",
  },
  WXDESK_KEEPALIVE_TIMEOUT: {
    schema: seconds(1, 3600),
    zh: "WXDESK_KEEPALIVE_TIMEOUT 应为 1–3600 之间的整数（秒）",
    en: "WXDESK_KEEPALIVE_TIMEOUT must be a whole number of seconds from 1 to 3600",
  },
  WXDESK_IDLE_TIMEOUT: {
    // No byte moves while a handler works: longer than the slowest one (a menu change may wait 20 s
    // for its lock, then call WeChat with retries) and the event stream's 15 s keep-alive comment.
    schema: seconds(60, 3600),
    zh: "WXDESK_IDLE_TIMEOUT 应为 60–3600 之间的整数（秒）",
    en: "WXDESK_IDLE_TIMEOUT must be a whole number of seconds from 60 to 3600",
  },
  WXDESK_WORKERS: {
    schema: z
      .string()
      .regex(/^\d{1,2}$/)
      .refine((v) => Number(v) >= 1 && Number(v) <= MAX_WORKERS),
    zh: `WXDESK_WORKERS 应为 1–${MAX_WORKERS} 的整数：处理请求的进程数（1 = 单进程；部署版默认等于 CPU 核数）`,
    en: `WXDESK_WORKERS must be a whole number from 1 to ${MAX_WORKERS}: how many processes serve requests (1 = a single process; the deployable server defaults to the CPU count)`,
  },
  WXDESK_OIDC_CLIENTS: {
    // The shape only; each app's fields are checked by parseOidcClients (oidc-clients.ts), field by field.
    schema: z.string().max(256 * 1024),
    zh: 'WXDESK_OIDC_CLIENTS 应为 JSON 数组：[{"client_id", "client_secret", "redirect_uris": ["https://…"], "name", "sub"}]',
    en: 'WXDESK_OIDC_CLIENTS must be a JSON array: [{"client_id", "client_secret", "redirect_uris": ["https://…"], "name", "sub"}]',
  },
};

/** Settings without which the server cannot run. */
export const REQUIRED_KEYS: readonly ConfigKey[] = ["WXDESK_APPID", "WXDESK_SECRET", "WXDESK_PUBLIC_URL"];
