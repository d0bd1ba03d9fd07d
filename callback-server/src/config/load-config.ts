import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import {
  CONFIG_KEYS,
  type ConfigKey,
  FIELD_RULES,
  PROXY_KEYS,
  REQUIRED_KEYS,
  splitServiceKeys,
} from "./config-fields.js";
import { type GeneratedSecretName, readOrCreateSecret } from "./data-secrets.js";
import { type OidcClientConfig, parseOidcClients } from "./oidc-clients.js";
import {
  ConfigError,
  type ConfigProblem,
  DEFAULT_HTTP_TIMEOUTS,
  type HttpTimeouts,
  type MpVerifyFile,
  type ServerConfig,
  type TokenSource,
} from "./server-config.js";
import { parseTrustedProxies } from "./trusted-proxies.js";

export interface LoadConfigInput {
  /** Command-line arguments after the script (`--config path` or `--config=path`). */
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative paths (config file, WXDESK_DB, WXDESK_MP_VERIFY) resolve against this. */
  cwd?: string;
}

type Raw = Partial<Record<ConfigKey, string>>;

const DEFAULTS = {
  WXDESK_PORT: "7200",
  WXDESK_HOST: "0.0.0.0",
  WXDESK_WECHAT_API_BASE: "https://api.weixin.qq.com",
  WXDESK_WECHAT_OPEN_BASE: "https://open.weixin.qq.com",
  WXDESK_DB: "./data/wxdesk.db",
  WXDESK_TOKEN_SOURCE: "stable_token",
  // Five minutes, the window most WeChat SDKs use for the push timestamp (see routes/wechat-push).
  WXDESK_PUSH_MAX_SKEW_SECONDS: "300",
} as const satisfies Raw;

const MP_VERIFY_NAME = /^[A-Za-z0-9_.-]{1,128}\.txt$/;
const MP_VERIFY_INLINE = /^([A-Za-z0-9_.-]{1,128}\.txt):(.+)$/s;

/**
 * Settings come from a JSON config file (`--config path`, same key names as the env vars) and
 * from the environment; **the environment wins** over the file, so one file can be shared and a
 * single value overridden per machine. Every bad field is reported at once in a `ConfigError`;
 * values are never echoed (they may be secrets).
 */
export function loadConfig(input: LoadConfigInput = {}): ServerConfig {
  const cwd = input.cwd ?? process.cwd();
  const problems: ConfigProblem[] = [];
  const fromFile = readConfigFile(input.argv ?? [], cwd, problems);
  const raw: Raw = { ...fromFile };
  for (const key of CONFIG_KEYS) {
    const value = input.env?.[key];
    if (value !== undefined && value.trim() !== "") raw[key] = value.trim();
  }
  for (const key of PROXY_KEYS) {
    const lower = input.env?.[key.toLowerCase()];
    if (raw[key] === undefined && lower !== undefined && lower.trim() !== "") raw[key] = lower.trim();
  }

  const aesKeyGiven = raw.WXDESK_MSG_AES_KEY !== undefined;
  for (const key of REQUIRED_KEYS) {
    if (raw[key] === undefined) problems.push(missing(key));
  }
  for (const key of CONFIG_KEYS) {
    const value = raw[key];
    if (value === undefined) continue;
    const rule = FIELD_RULES[key];
    if (!rule.schema.safeParse(value).success) {
      problems.push({ field: key, messageZh: rule.zh, messageEn: rule.en });
      delete raw[key];
    }
  }
  if (raw.WXDESK_ADMIN_KEY && raw.WXDESK_ADMIN_KEY === raw.WXDESK_SUPPORT_KEY) {
    problems.push({
      field: "WXDESK_SUPPORT_KEY",
      messageZh: "WXDESK_SUPPORT_KEY 不能与 WXDESK_ADMIN_KEY 相同",
      messageEn: "WXDESK_SUPPORT_KEY must differ from WXDESK_ADMIN_KEY",
    });
  }
  const serviceKeys = raw.WXDESK_SERVICE_KEYS ? splitServiceKeys(raw.WXDESK_SERVICE_KEYS) : [];
  if (new Set(serviceKeys).size !== serviceKeys.length) {
    problems.push({
      field: "WXDESK_SERVICE_KEYS",
      messageZh: "WXDESK_SERVICE_KEYS 中有重复的密钥：每个系统用自己的密钥",
      messageEn: "WXDESK_SERVICE_KEYS holds the same key twice: give each system a key of its own",
    });
  }
  if (serviceKeys.some((k) => k === raw.WXDESK_ADMIN_KEY || k === raw.WXDESK_SUPPORT_KEY)) {
    problems.push({
      field: "WXDESK_SERVICE_KEYS",
      messageZh: "WXDESK_SERVICE_KEYS 中的密钥不能与 WXDESK_ADMIN_KEY 或 WXDESK_SUPPORT_KEY 相同",
      messageEn: "A key in WXDESK_SERVICE_KEYS must differ from WXDESK_ADMIN_KEY and WXDESK_SUPPORT_KEY",
    });
  }
  if (aesKeyGiven && !raw.WXDESK_MSG_TOKEN && !problems.some((p) => p.field === "WXDESK_MSG_TOKEN")) {
    problems.push({
      field: "WXDESK_MSG_TOKEN",
      messageZh: "设置了 WXDESK_MSG_AES_KEY 时也必须设置 WXDESK_MSG_TOKEN",
      messageEn: "WXDESK_MSG_TOKEN is required when WXDESK_MSG_AES_KEY is set",
    });
  }
  const httpTimeouts = readHttpTimeouts(raw);
  if (httpTimeouts.headersMs > httpTimeouts.requestMs) {
    problems.push({
      field: "WXDESK_HEADERS_TIMEOUT",
      messageZh: "WXDESK_HEADERS_TIMEOUT 不能大于 WXDESK_REQUEST_TIMEOUT（请求头是整个请求的一部分）",
      messageEn:
        "WXDESK_HEADERS_TIMEOUT must not exceed WXDESK_REQUEST_TIMEOUT (the headers are part of the request)",
    });
  }
  const mpVerify = raw.WXDESK_MP_VERIFY ? readMpVerify(raw.WXDESK_MP_VERIFY, cwd, problems) : undefined;
  let oidcClients: OidcClientConfig[] = [];
  const oidcJson =
    raw.WXDESK_OIDC_CLIENTS === undefined
      ? undefined
      : readOidcClients(raw.WXDESK_OIDC_CLIENTS, cwd, problems);
  if (oidcJson !== undefined) {
    const parsed = parseOidcClients(oidcJson);
    oidcClients = parsed.clients;
    problems.push(...parsed.problems);
  }
  const dbPath = resolve(cwd, raw.WXDESK_DB ?? DEFAULTS.WXDESK_DB);
  const dataDir = dirname(dbPath);
  // Generate secrets only once everything else is right: a typo must not leave files behind.
  const sessionSecret =
    problems.length === 0 ? secret(raw, "WXDESK_SESSION_SECRET", "sessionSecret", dataDir, problems) : "";
  const tokenKey =
    problems.length === 0 ? secret(raw, "WXDESK_TOKEN_KEY", "tokenKey", dataDir, problems) : "";
  if (problems.length > 0) throw new ConfigError(problems);

  const config: ServerConfig = {
    port: Number(raw.WXDESK_PORT ?? DEFAULTS.WXDESK_PORT),
    host: raw.WXDESK_HOST ?? DEFAULTS.WXDESK_HOST,
    appid: raw.WXDESK_APPID as string,
    secret: raw.WXDESK_SECRET as string,
    publicUrl: new URL(raw.WXDESK_PUBLIC_URL as string).origin,
    apiBase: trimSlash(raw.WXDESK_WECHAT_API_BASE ?? DEFAULTS.WXDESK_WECHAT_API_BASE),
    openBase: trimSlash(raw.WXDESK_WECHAT_OPEN_BASE ?? DEFAULTS.WXDESK_WECHAT_OPEN_BASE),
    dbPath,
    dataDir,
    nextAllow: [
      ...new Set(
        (raw.WXDESK_NEXT_ALLOW ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => new URL(s).origin),
      ),
    ],
    sessionSecret,
    tokenKey: tokenKey.toLowerCase(),
    tokenSource: (raw.WXDESK_TOKEN_SOURCE ?? DEFAULTS.WXDESK_TOKEN_SOURCE) as TokenSource,
    pushMaxSkewSeconds: Number(raw.WXDESK_PUSH_MAX_SKEW_SECONDS ?? DEFAULTS.WXDESK_PUSH_MAX_SKEW_SECONDS),
    trustProxy: parseTrustedProxies(raw.WXDESK_TRUST_PROXY),
    httpTimeouts,
    oidcClients,
    serviceKeys,
  };
  if (raw.REDIS_URL) config.redisUrl = raw.REDIS_URL;
  if (raw.WXDESK_WORKERS) config.workers = Number(raw.WXDESK_WORKERS);
  if (raw.HTTPS_PROXY || raw.HTTP_PROXY) {
    config.wechatProxy = {
      ...(raw.HTTPS_PROXY ? { httpsProxy: raw.HTTPS_PROXY } : {}),
      ...(raw.HTTP_PROXY ? { httpProxy: raw.HTTP_PROXY } : {}),
      ...(raw.NO_PROXY ? { noProxy: raw.NO_PROXY } : {}),
    };
  }
  if (raw.WXDESK_ADMIN_KEY) config.adminKey = raw.WXDESK_ADMIN_KEY;
  if (raw.WXDESK_SUPPORT_KEY) config.supportKey = raw.WXDESK_SUPPORT_KEY;
  if (raw.WXDESK_MSG_TOKEN) config.msgToken = raw.WXDESK_MSG_TOKEN;
  if (raw.WXDESK_MSG_AES_KEY) config.msgAesKey = raw.WXDESK_MSG_AES_KEY;
  if (mpVerify) config.mpVerify = mpVerify;
  if (raw.WXDESK_ACCEPT_NEW_TOKEN_KEY)
    config.acceptNewTokenKey = raw.WXDESK_ACCEPT_NEW_TOKEN_KEY.toLowerCase();
  return config;
}

/** Valid settings only (bad ones were dropped from `raw` with a problem each): seconds → ms. */
function readHttpTimeouts(raw: Raw): HttpTimeouts {
  const ms = (key: ConfigKey, fallback: number) => {
    const value = raw[key];
    return value === undefined ? fallback : Number(value) * 1000;
  };
  return {
    headersMs: ms("WXDESK_HEADERS_TIMEOUT", DEFAULT_HTTP_TIMEOUTS.headersMs),
    requestMs: ms("WXDESK_REQUEST_TIMEOUT", DEFAULT_HTTP_TIMEOUTS.requestMs),
    keepAliveMs: ms("WXDESK_KEEPALIVE_TIMEOUT", DEFAULT_HTTP_TIMEOUTS.keepAliveMs),
    idleMs: ms("WXDESK_IDLE_TIMEOUT", DEFAULT_HTTP_TIMEOUTS.idleMs),
  };
}

function missing(key: ConfigKey): ConfigProblem {
  const rule = FIELD_RULES[key];
  return { field: key, messageZh: `${rule.zh}（未设置）`, messageEn: `${rule.en} (not set)` };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function configPathFrom(argv: readonly string[]): string | undefined | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === "--config") return argv[i + 1] ?? null;
    if (arg.startsWith("--config=")) return arg.slice("--config=".length) || null;
  }
  return undefined;
}

function readConfigFile(argv: readonly string[], cwd: string, problems: ConfigProblem[]): Raw {
  const path = configPathFrom(argv);
  if (path === undefined) return {};
  const fileProblem = (zh: string, en: string) => {
    problems.push({ field: "--config", messageZh: `--config：${zh}`, messageEn: `--config: ${en}` });
    return {};
  };
  if (path === null) return fileProblem("缺少配置文件路径", "the config file path is missing");
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(cwd, path), "utf8"));
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === "ENOENT";
    return notFound
      ? fileProblem(`找不到文件 ${path}`, `file ${path} not found`)
      : fileProblem(`${path} 不是有效的 JSON`, `${path} is not valid JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fileProblem("配置文件应为 JSON 对象", "the config file must hold a JSON object");
  }
  const raw: Raw = {};
  const known = new Set<string>(CONFIG_KEYS);
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.has(key)) {
      problems.push({
        field: key,
        messageZh: `配置文件中的 ${key} 不是已知设置`,
        messageEn: `${key} in the config file is not a known setting`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    // The apps list is JSON in the environment; in the file it may be written as JSON itself.
    if (key === "WXDESK_OIDC_CLIENTS" && typeof value === "object") raw[key] = JSON.stringify(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string"))
      raw[key as ConfigKey] = value.join(",");
    else if (typeof value === "string" || typeof value === "number")
      raw[key as ConfigKey] = String(value).trim();
    else {
      const rule = FIELD_RULES[key as ConfigKey];
      problems.push({ field: key, messageZh: rule.zh, messageEn: rule.en });
    }
  }
  return raw;
}

/**
 * The apps' JSON itself (it starts with `[`), or the path of a file holding it: an environment file
 * for systemd or `docker run --env-file` cannot carry JSON's quotes reliably, a file can (and it
 * holds secrets: keep it 0600).
 */
function readOidcClients(value: string, cwd: string, problems: ConfigProblem[]): string | undefined {
  if (/^\s*[[{]/.test(value)) return value;
  try {
    return readFileSync(resolve(cwd, value), "utf8");
  } catch {
    problems.push({
      field: "WXDESK_OIDC_CLIENTS",
      messageZh: "WXDESK_OIDC_CLIENTS：读不到应用列表文件（应为 JSON 数组本身，或保存它的文件路径）",
      messageEn:
        "WXDESK_OIDC_CLIENTS: cannot read the apps file (give the JSON array itself, or the path of a file holding it)",
    });
    return undefined;
  }
}

function readMpVerify(value: string, cwd: string, problems: ConfigProblem[]): MpVerifyFile | undefined {
  const inline = MP_VERIFY_INLINE.exec(value);
  if (inline) return { name: inline[1] as string, content: (inline[2] as string).trim() };
  const path = resolve(cwd, value);
  const name = basename(path);
  const rule = FIELD_RULES.WXDESK_MP_VERIFY;
  if (!MP_VERIFY_NAME.test(name)) {
    problems.push({ field: "WXDESK_MP_VERIFY", messageZh: rule.zh, messageEn: rule.en });
    return undefined;
  }
  try {
    return { name, content: readFileSync(path, "utf8").trim() };
  } catch {
    problems.push({
      field: "WXDESK_MP_VERIFY",
      messageZh: `WXDESK_MP_VERIFY：读不到文件 ${name}`,
      messageEn: `WXDESK_MP_VERIFY: cannot read the file ${name}`,
    });
    return undefined;
  }
}

function secret(
  raw: Raw,
  key: ConfigKey,
  name: GeneratedSecretName,
  dataDir: string,
  problems: ConfigProblem[],
): string {
  const given = raw[key];
  if (given !== undefined) return given;
  try {
    const value = readOrCreateSecret(dataDir, name);
    if (FIELD_RULES[key].schema.safeParse(value).success) return value;
    problems.push({
      field: key,
      messageZh: `数据目录中保存的 ${key} 已损坏，请删除该文件或设置 ${key}`,
      messageEn: `The ${key} file in the data folder is damaged; delete it or set ${key}`,
    });
  } catch {
    problems.push({
      field: key,
      messageZh: `无法在数据目录 ${dataDir} 中创建 ${key}`,
      messageEn: `Cannot create ${key} in the data folder ${dataDir}`,
    });
  }
  return "";
}
