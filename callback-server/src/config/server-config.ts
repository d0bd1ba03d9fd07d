import type { WeChatProxy } from "@wxdesk/wechat";
import type { ConfigProblem } from "./config-problem.js";
import type { OidcClientConfig } from "./oidc-clients.js";

/** Where the global access_token comes from (protocol sheet §6): `stable_token` unless told otherwise. */
export type TokenSource = "stable_token" | "token";

/** The `MP_verify_*.txt` file WeChat asks the domain to serve when it is registered. */
export interface MpVerifyFile {
  /** File name without the leading slash, e.g. `MP_verify_abc123.txt`. */
  name: string;
  content: string;
}

/** How long the HTTP server waits for a client, in milliseconds (the settings are in seconds). */
export interface HttpTimeouts {
  /** WXDESK_HEADERS_TIMEOUT: the request line and headers must arrive within this (slowloris). */
  headersMs: number;
  /** WXDESK_REQUEST_TIMEOUT: the whole request, body included (a body that stops coming); ≥ headersMs. */
  requestMs: number;
  /** WXDESK_KEEPALIVE_TIMEOUT: an idle kept-alive connection is closed after this. */
  keepAliveMs: number;
  /** WXDESK_IDLE_TIMEOUT: no byte moving either way while a request is open (e.g. a reader that stopped). */
  idleMs: number;
}

/**
 * Defaults: headers 10 s and a whole request 30 s (an admin's 1 MiB replies upload needs only
 * 35 KB/s); keep-alive 65 s, longer than nginx's and cloud load balancers' 60 s upstream idle time, so
 * the proxy — not us — closes an idle pooled connection and never sends a request into one we are
 * closing; idle 120 s, longer than the slowest handler (lock wait + WeChat retries).
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 65_000,
  idleMs: 120_000,
};

/**
 * The validated server configuration (`loadConfig`). Secrets are in here, so this object is
 * never logged or sent anywhere: use `describeConfig` for a printable summary.
 */
export interface ServerConfig {
  /** WXDESK_PORT, default 7200. */
  port: number;
  /** WXDESK_HOST, default 0.0.0.0. */
  host: string;
  /** WXDESK_APPID: `wx` + 16 hex characters. */
  appid: string;
  /** WXDESK_SECRET: the AppSecret (32 characters). */
  secret: string;
  /** WXDESK_PUBLIC_URL: the origin WeChat calls back (no path, no trailing slash). */
  publicUrl: string;
  /** WXDESK_WECHAT_API_BASE, default https://api.weixin.qq.com (the sandbox in tests). */
  apiBase: string;
  /** WXDESK_WECHAT_OPEN_BASE, default https://open.weixin.qq.com. */
  openBase: string;
  /** WXDESK_DB, default ./data/wxdesk.db (resolved against the working directory). */
  dbPath: string;
  /** The data folder: dirname of dbPath; generated secrets live here. */
  dataDir: string;
  /**
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case): WeChat's API through a forward proxy. Read
   * here and handed to the WeChat client; the client itself never reads the environment.
   */
  wechatProxy?: WeChatProxy;
  /** REDIS_URL: when set, every store is Redis. */
  redisUrl?: string;
  /** WXDESK_WORKERS: processes serving requests; absent = the default for how it runs (cluster/worker-count.ts). */
  workers?: number;
  /** WXDESK_ADMIN_KEY (≥ 24 chars): bearer key of the `admin` role. */
  adminKey?: string;
  /** WXDESK_SUPPORT_KEY (≥ 24 chars): bearer key of the `support` role. */
  supportKey?: string;
  /**
   * WXDESK_SERVICE_KEYS: bearer keys of the `service` role (the account's other systems read the
   * global access_token / jsapi_ticket with them). Besides these, admins create keys through the admin
   * API (stored as hashes); keys from the settings cannot be revoked there.
   */
  serviceKeys: string[];
  /** WXDESK_MSG_TOKEN: the message push Token (§9.1). */
  msgToken?: string;
  /** WXDESK_MSG_AES_KEY: EncodingAESKey, 43 characters (§9.4). */
  msgAesKey?: string;
  /** WXDESK_NEXT_ALLOW: allowed `next` / JS-SDK page origins besides publicUrl (normalized origins). */
  nextAllow: string[];
  /** WXDESK_SESSION_SECRET (≥ 32 chars), generated into the data folder when absent. */
  sessionSecret: string;
  /** WXDESK_TOKEN_KEY (64 hex), generated into the data folder when absent. */
  tokenKey: string;
  /**
   * WXDESK_ACCEPT_NEW_TOKEN_KEY: the fingerprint (`tokenKeyFingerprint`) of a token key the operator
   * accepts although it cannot open the stored tokens (they are given up). Only that key: a leftover
   * setting never accepts a later change.
   */
  acceptNewTokenKey?: string;
  /** WXDESK_MP_VERIFY: served at `/<name>`. */
  mpVerify?: MpVerifyFile;
  /** WXDESK_TOKEN_SOURCE, default `stable_token`. */
  tokenSource: TokenSource;
  /**
   * WXDESK_PUSH_MAX_SKEW_SECONDS, default 300: a message push whose signed `timestamp` is further than
   * this from the server clock is answered `success` and not acted on (replay protection, §9.2).
   */
  pushMaxSkewSeconds: number;
  /**
   * WXDESK_TRUST_PROXY: proxies (addresses, CIDRs, `loopback`…) whose `X-Forwarded-For` names the
   * client. Empty: nobody's is believed and the client is the socket's peer.
   */
  trustProxy: string[];
  httpTimeouts: HttpTimeouts;
  /**
   * WXDESK_OIDC_CLIENTS: apps that sign WeChat users in through this server's OpenID Connect
   * provider (read-only; the admin API manages more). Their secrets are in here too.
   */
  oidcClients: OidcClientConfig[];
}

/** One bad setting, in both languages. */
export type { ConfigProblem } from "./config-problem.js";

/** Thrown by `loadConfig` with EVERY bad field at once, never a value (values may be secrets). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
        .map((p) => `  - ${p.messageZh} / ${p.messageEn}`)
        .join("\n")}`,
    );
    this.problems = problems;
  }
}

/** A printable summary: which settings are set, no secret values. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  return {
    port: config.port,
    host: config.host,
    appid: config.appid,
    publicUrl: config.publicUrl,
    apiBase: config.apiBase,
    openBase: config.openBase,
    store: config.redisUrl ? "redis" : `sqlite (${config.dbPath})`,
    // The host only: a proxy URL may hold a password.
    wechatProxy: config.wechatProxy
      ? {
          https: proxyHost(config.wechatProxy.httpsProxy),
          http: proxyHost(config.wechatProxy.httpProxy),
          noProxy: config.wechatProxy.noProxy ?? "",
        }
      : "none",
    adminKey: config.adminKey ? "set" : "not set",
    supportKey: config.supportKey ? "set" : "not set",
    serviceKeys: config.serviceKeys.length,
    messagePush: config.msgToken ? (config.msgAesKey ? "plaintext + AES" : "plaintext") : "not set",
    nextAllow: config.nextAllow,
    mpVerify: config.mpVerify ? `/${config.mpVerify.name}` : "not set",
    tokenSource: config.tokenSource,
    pushMaxSkewSeconds: config.pushMaxSkewSeconds,
    trustProxy:
      config.trustProxy.length > 0 ? config.trustProxy : "none (the client is the connection's peer)",
    httpTimeoutsSeconds: {
      headers: config.httpTimeouts.headersMs / 1000,
      request: config.httpTimeouts.requestMs / 1000,
      keepAlive: config.httpTimeouts.keepAliveMs / 1000,
      idle: config.httpTimeouts.idleMs / 1000,
    },
    oidcClients: config.oidcClients.map((c) => c.clientId),
  };
}

function proxyHost(url: string | undefined): string {
  return url ? new URL(url).host : "none";
}
