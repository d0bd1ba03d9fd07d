import { createHash } from "node:crypto";

/** §11: the defaults every wxdesk tool assumes when it talks to a local sandbox. */
export const SANDBOX_DEFAULTS = {
  appid: "wx00000000000000a1",
  secret: "0123456789abcdef0123456789abcdef",
  token: "sandboxtoken",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  originalId: "gh_0000000000a1",
  name: "wxdesk 沙箱服务号",
  authorizedDomains: ["127.0.0.1", "localhost"],
  port: 7100,
  seed: "wxdesk",
} as const;

/**
 * A second account, always present beside the default one (unless `replaceDefaultApp`): switching a
 * server's `WXDESK_APPID` from a1 to b2 on the same data folder can be tested honestly — each app
 * has its own tokens, tickets and menu here, as on WeChat.
 */
export const SANDBOX_SECOND_APP = {
  appid: "wx00000000000000b2",
  secret: "fedcba9876543210fedcba9876543210",
  name: "wxdesk 沙箱服务号 B",
  originalId: "gh_0000000000b2",
} as const;

/** Fixture user tags (ids as WeChat's tag ids), used by conditional-menu tests and demos. */
export const FIXTURE_TAGS: ReadonlyArray<{ id: number; name: string }> = [
  { id: 100, name: "VIP" },
  { id: 101, name: "员工" },
  { id: 102, name: "测试组" },
];

export type Platform = "iOS" | "Android" | "other";
export type UserLang = "zh_CN" | "zh_TW" | "en";

export interface SandboxAppInput {
  appid: string;
  secret: string;
  name?: string;
  originalId?: string;
  token?: string;
  encodingAesKey?: string;
  /** 网页授权域名 (host names, any port); also the JS接口安全域名 unless `jssdkDomains` is given. */
  authorizedDomains?: string[];
  /** JS接口安全域名 (host names, any port). Default: `authorizedDomains`. */
  jssdkDomains?: string[];
}

export interface SandboxApp {
  appid: string;
  secret: string;
  name: string;
  originalId: string;
  token: string;
  encodingAesKey: string;
  /** 网页授权域名: where an authorize link may send the user back (§1.1, error 10003 otherwise). */
  authorizedDomains: string[];
  /** JS接口安全域名: pages whose `wx.config` the client accepts (§8.2). */
  jssdkDomains: string[];
}

export interface SandboxUserInput {
  /** Internal key (cookie value); generated when absent. */
  id?: string;
  /** The openid for the default app; derived from the id when absent. */
  openid?: string;
  nickname: string;
  /** Nickname variants for `lang=zh_TW` / `lang=en`; the zh_CN nickname otherwise. */
  nicknames?: { zh_TW?: string; en?: string };
  /** `null` = not bound to an Open Platform account (no unionid at all); absent = derived. */
  unionid?: string | null;
  tags?: number[];
  platform?: Platform;
  language?: string;
  /** A user who, on snsapi_userinfo, lands in snapshot-page mode (§1.3). */
  snapshot?: boolean;
}

export interface SandboxUser {
  id: string;
  nickname: string;
  nicknames: Record<UserLang, string>;
  unionid: string | undefined;
  tags: number[];
  platform: Platform;
  language: string;
  snapshot: boolean;
  color: string;
  /** Explicit openids per appid (otherwise derived from the id). */
  openids: Map<string, string>;
}

export interface SandboxOptions {
  /** Seed for codes, tokens and fault decisions. Default "wxdesk". */
  seed?: string;
  /** Extra apps; the default app and `SANDBOX_SECOND_APP` are always present unless `replaceDefaultApp` is set. */
  apps?: SandboxAppInput[];
  replaceDefaultApp?: boolean;
  /** Extra users, appended to the dozen fixture users (or replacing them with `replaceDefaultUsers`). */
  users?: SandboxUserInput[];
  replaceDefaultUsers?: boolean;
  /** Fastify logger; off by default. Secrets are never logged (query strings are redacted). */
  logger?: boolean;
  /** cgi-bin/token calls per app per day (§6.1: 2,000). */
  tokenDailyQuota?: number;
  /** stable_token force_refresh calls per app per day (§6.2: 20). */
  stableForceDailyQuota?: number;
  /** How long the phone waits for the developer's server (§9.3: 5 s). */
  phoneTimeoutMs?: number;
  /** How long a `timeout` fault holds a request before destroying the socket. Default 30 s. */
  faultHoldMs?: number;
  /**
   * Absolute origin used in avatar URLs; by default the origin the request was sent to. Set it when
   * pages reach the sandbox elsewhere than the server does, e.g. `https://sandbox.example.com` behind
   * TLS: an `http://127.0.0.1` avatar on an https page is mixed content, and a phone cannot reach it.
   */
  publicUrl?: string;
  /**
   * Answer only requests whose Host is `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`
   * (the DNS-rebinding guard, host-guard.ts), or the host name of `publicUrl` (a rehearsal behind
   * nginx); others get 403 `forbidden_host`. `buildSandbox`: off
   * unless set; `startSandbox`: on when it listens on a loopback address, unless set.
   */
  loopbackHostOnly?: boolean;
  /**
   * Extra 网页授权域名 for every app, beside its own (`127.0.0.1`, `localhost` by default): a
   * rehearsal with the real domain, e.g. `["wx.example.com"]`, instead of error 10003.
   */
  oauthDomains?: string[];
  /** Extra JS接口安全域名 for every app, beside its own. */
  jssdkDomains?: string[];
  /**
   * Keep what the sandbox knows (users added, codes, tokens, tickets, menus, the clock) in this JSON
   * file: read at start, written within a moment of every change and at close (sandbox/src/persist/).
   * Without it the sandbox forgets everything when it stops.
   */
  stateFile?: string;
}

const PALETTE = ["#07c160", "#10aeff", "#fa5151", "#ffc300", "#6467f0", "#ff8f1f", "#1aad19", "#e64340"];

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** A 28-character openid (`o` + 27 url-safe chars), like `oLVPpjqs9BhvzwPj5A-vTYAX3GLc`. */
export function deriveOpenid(appid: string, userId: string): string {
  return `o${digest(`openid:${appid}:${userId}`).slice(0, 27)}`;
}

export function deriveUnionid(userId: string): string {
  return `o${digest(`unionid:${userId}`).slice(0, 27)}`;
}

/** §1.3: snapshot mode hands out a virtual account, stable per real user and different from it. */
export function virtualOpenid(appid: string, userId: string): string {
  return `o${digest(`snapshot-openid:${appid}:${userId}`).slice(0, 27)}`;
}

export function virtualUnionid(userId: string): string {
  return `o${digest(`snapshot-unionid:${userId}`).slice(0, 27)}`;
}

export function makeApp(
  input: SandboxAppInput,
  extra: Pick<SandboxOptions, "oauthDomains" | "jssdkDomains"> = {},
): SandboxApp {
  const authorizedDomains = input.authorizedDomains ?? [...SANDBOX_DEFAULTS.authorizedDomains];
  return {
    appid: input.appid,
    secret: input.secret,
    name: input.name ?? `测试公众号 ${input.appid.slice(-4)}`,
    originalId:
      input.originalId ??
      `gh_${digest(`gh:${input.appid}`)
        .replace(/[^a-z0-9]/g, "")
        .slice(0, 12)}`,
    token: input.token ?? SANDBOX_DEFAULTS.token,
    encodingAesKey: input.encodingAesKey ?? SANDBOX_DEFAULTS.encodingAesKey,
    authorizedDomains: [...new Set([...authorizedDomains, ...(extra.oauthDomains ?? [])])],
    jssdkDomains: [...new Set([...(input.jssdkDomains ?? authorizedDomains), ...(extra.jssdkDomains ?? [])])],
  };
}

export const DEFAULT_APP: SandboxAppInput = {
  appid: SANDBOX_DEFAULTS.appid,
  secret: SANDBOX_DEFAULTS.secret,
  name: SANDBOX_DEFAULTS.name,
  originalId: SANDBOX_DEFAULTS.originalId,
  token: SANDBOX_DEFAULTS.token,
  encodingAesKey: SANDBOX_DEFAULTS.encodingAesKey,
  authorizedDomains: [...SANDBOX_DEFAULTS.authorizedDomains],
};

/** Same message Token, AES key and domains as the default app: only the account differs. */
export const SECOND_APP: SandboxAppInput = { ...DEFAULT_APP, ...SANDBOX_SECOND_APP };

/** Small factory: every fixture user is built from a few facts; the rest is derived. */
export function makeUser(input: SandboxUserInput, index: number, defaultAppid: string): SandboxUser {
  const id = input.id ?? `u${String(index + 1).padStart(2, "0")}`;
  const openids = new Map<string, string>();
  if (input.openid !== undefined) openids.set(defaultAppid, input.openid);
  return {
    id,
    nickname: input.nickname,
    nicknames: {
      zh_CN: input.nickname,
      zh_TW: input.nicknames?.zh_TW ?? input.nickname,
      en: input.nicknames?.en ?? input.nickname,
    },
    unionid: input.unionid === null ? undefined : (input.unionid ?? deriveUnionid(id)),
    tags: [...(input.tags ?? [])],
    platform: input.platform ?? (index % 2 === 0 ? "iOS" : "Android"),
    language: input.language ?? "zh_CN",
    snapshot: input.snapshot ?? false,
    color: PALETTE[index % PALETTE.length] ?? "#07c160",
    openids,
  };
}

/** The dozen fixture users: Chinese nicknames (some emoji), one without unionid, one snapshot user. */
export const FIXTURE_USERS: ReadonlyArray<SandboxUserInput> = [
  { nickname: "张伟", nicknames: { zh_TW: "張偉", en: "Zhang Wei" }, tags: [100], platform: "iOS" },
  { nickname: "李娜🌸", tags: [101], platform: "Android" },
  { nickname: "王芳", nicknames: { zh_TW: "王芳", en: "Wang Fang" }, tags: [100, 102], platform: "iOS" },
  { nickname: "刘洋🚀", platform: "Android" },
  { nickname: "陈静", tags: [101], platform: "iOS", language: "zh_TW" },
  { nickname: "杨磊", tags: [102], platform: "Android" },
  { nickname: "赵敏✨", platform: "iOS" },
  { nickname: "黄强", tags: [100], platform: "Android" },
  // Not bound to an Open Platform account: no unionid anywhere (§2, §4).
  { nickname: "周杰", unionid: null, platform: "iOS" },
  { nickname: "吴婷🍵", tags: [101], platform: "Android", language: "en" },
  { nickname: "徐明", nicknames: { en: "Xu Ming" }, platform: "iOS" },
  // Lands in snapshot-page mode on snsapi_userinfo (§1.3).
  { nickname: "孙悦", snapshot: true, platform: "Android" },
];
