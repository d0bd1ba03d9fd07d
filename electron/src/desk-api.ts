/**
 * DeskApi — the one contract between the renderer and everything that does I/O.
 *
 * One implementation (`createDeskHost`, Node side, in `electron/src/desk/`), two transports: the
 * preload's `contextBridge` (Electron IPC) and the web bridge (loopback HTTP + server-sent events,
 * `npm run web`). The renderer sees only this type as `window.wxdesk`.
 *
 * Rules: every input and output is plain JSON (structured-clone safe); no secret ever appears in an
 * output (keys stay in the OS keychain; the renderer only learns `keySet: true`) — with two
 * exceptions: `serviceKeys.create` answers the new service key, and `apps.create` /
 * `apps.rotateSecret` the app's new secret, because the admin must copy it into the other system;
 * each is shown once and stored nowhere by the desktop. Failures reject with a
 * `DeskError`-shaped error (`{code, message, messageZh, details?}`).
 */

import type { ServerEventType, TokenState, TokenStatus } from "@wxdesk/callback-server";
import type { ErrorExplanation, MatchRule, Menu, MenuButton, MenuProblem, OAuthScope } from "@wxdesk/wechat";
import type { ReplyConfig, ReplyProblem, ReplySettings } from "@wxdesk/wechat/replies";

export type Role = "admin" | "support";
export type Lang = "zh-CN" | "en";

export interface DeskError {
  /** Stable, e.g. `unauthorized`, `network`, `menu_invalid`, `keychain_unavailable`, `wechat_error`. */
  code: string;
  message: string;
  messageZh: string;
  /** e.g. the menu problems for `menu_invalid`, the WeChat explanation for `wechat_error`. */
  details?: {
    problems?: MenuProblem[];
    explanation?: ErrorExplanation;
    errcode?: number;
    /** `replies_invalid`: what is wrong with the reply settings. */
    replyProblems?: ReplyProblem[];
    /** `bad_request` / `bad_input`: which input field, e.g. `body.button` or `args[0].serverUrl`. */
    field?: string;
    /** `too_many_attempts` / `too_many_requests`: how long the server asks to wait, in seconds. */
    retryAfterSeconds?: number;
  };
}
/** One broken reply rule (`replies_invalid`), e.g. path `click["SIGN_IN"].content`. */
export type { ReplyProblem } from "@wxdesk/wechat/replies";

// ---- app ------------------------------------------------------------------------------------------

export interface AppInfo {
  version: string;
  transport: "electron" | "web";
  platform: string;
  keychain: KeychainStatus;
  settings: Settings;
  /** Set when settings.json could not be read at start: defaults were used, the old file kept aside. */
  settingsRecovery?: { file: string; messageZh: string; message: string };
}
export interface KeychainStatus {
  available: boolean;
  /** Why not, in words (zh/en), when unavailable. */
  reasonZh?: string;
  reason?: string;
  /** The system's own words (libsecret / D-Bus, English), for 详情 only: never a key. */
  technical?: string;
}
export interface Settings {
  lang: Lang;
  /** "system" follows the OS light/dark preference. */
  theme: "system" | "light" | "dark";
  /** The user agreed to keep keys in a plain file because no keychain answers. */
  allowPlaintextKeys: boolean;
}

// ---- profiles -------------------------------------------------------------------------------------

export interface ProfileView {
  id: string;
  name: string;
  /** The callback server's base URL (for the local sandbox profile: its loopback URL once started). */
  serverUrl: string;
  role: Role;
  /** Never the key itself. The local sandbox profile: true while it runs (its key is made per run, kept in memory). */
  keySet: boolean;
  /** Where the key lives ("none" for the local sandbox profile: its key is never stored). */
  keyStorage: "keychain" | "plaintext" | "none";
  /** The built-in local sandbox profile (cannot be removed). */
  local: boolean;
}
export interface ProfileInput {
  name: string;
  serverUrl: string;
  role: Role;
  /** Written straight to the keychain; never echoed back. */
  key: string;
}
export interface ProfilePatch {
  name?: string;
  serverUrl?: string;
  role?: Role;
  key?: string;
}
export interface ConnectionTest {
  ok: boolean;
  latencyMs?: number;
  /** What the server says this key may do. */
  role?: Role;
  appid?: string;
  users?: number;
  /** How the server keeps its users (absent from servers that do not say). */
  storage?: ServerStorage;
  error?: DeskError;
}
/**
 * How the server's store keeps its data across its own restart (`GET /admin/api/info` `storage`):
 * SQLite `file`; Redis `aof`, `rdb` (snapshots only), `none` (a Redis restart loses every user) or
 * `unknown` (Redis will not say).
 */
export interface ServerStorage {
  kind: "sqlite" | "redis";
  persistence: "file" | "aof" | "rdb" | "none" | "unknown";
  /** The server's own words (for whoever runs it) when users could be lost. */
  warning?: { zh: string; en: string };
}

/** What `profiles.clearTokenCache` dropped on the server (empty: nothing was cached). */
export interface TokenCacheCleared {
  appid: string;
  dropped: Array<"access_token" | "jsapi_ticket">;
}

// ---- service keys -------------------------------------------------------------------------------

/**
 * A key another system of the account reads the WeChat access_token with (the server is the one
 * token holder). Never the key itself: the server keeps only its hash.
 */
export interface ServiceKeyView {
  id: string;
  name: string;
  /** `settings`: WXDESK_SERVICE_KEYS on the server (cannot be revoked here); `admin`: created here. */
  source: "settings" | "admin";
  createdAt?: number;
  /** To the hour. */
  lastUsedAt?: number;
}
/** The answer of `serviceKeys.create`: the key, this once. Show it, let the admin copy it, forget it. */
export interface CreatedServiceKey extends ServiceKeyView {
  key: string;
}

// ---- connected apps ------------------------------------------------------------------------------

/**
 * One of the account's web apps that signs WeChat users in through the server (OpenID Connect).
 * Never its secret: the server keeps it sealed.
 */
export interface ConnectedApp {
  /** The app's id (OIDC `client_id`), e.g. `app_…`. */
  clientId: string;
  name: string;
  /** The addresses users come back to after signing in (matched exactly). */
  redirectUris: string[];
  /** `settings`: WXDESK_OIDC_CLIENTS on the server (changed only there); `admin`: added in the desktop. */
  source: "settings" | "admin";
  /** A page or phone app without a secret. */
  public: boolean;
  createdAt?: number;
  secretRotatedAt?: number;
  /** When someone last signed in through it; absent: nobody yet. */
  lastSignInAt?: number;
}
export interface ConnectedApps {
  apps: ConnectedApp[];
  /** `<public URL>/.well-known/openid-configuration`: where an app's library reads everything else. */
  discoveryUrl: string;
}
export interface NewConnectedApp {
  name: string;
  /** https, or http on localhost / 127.0.0.1; no `#`. */
  redirectUri: string;
}
/** The answer of `apps.create` / `apps.rotateSecret`: the secret, this once. Show it, let the admin copy it, forget it. */
export interface IssuedAppSecret {
  app: ConnectedApp;
  clientSecret: string;
  discoveryUrl: string;
}

// ---- menu -----------------------------------------------------------------------------------------

export interface LiveMenu {
  /** null when the account has no menu (WeChat 46003). */
  menu: Menu | null;
  conditional: ConditionalMenu[];
}
export interface ConditionalMenu {
  menuid: string;
  button: MenuButton[];
  matchrule: MatchRule;
}
export interface MenuDraft {
  menu: Menu;
  savedAt: number;
}
export type MenuChangeKind = "added" | "removed" | "changed" | "moved";
export interface MenuChange {
  kind: MenuChangeKind;
  /** e.g. `button[1].sub_button[0]`, in the draft (or live, for removed). */
  path: string;
  name: string;
  /** Plain-words description, zh/en: "「搜索」的链接从 … 改为 …". */
  descriptionZh: string;
  description: string;
}
export interface MenuVersionView {
  id: number;
  kind: "publish" | "delete" | "rollback";
  at: number;
  by: string;
  menu: Menu | null;
  /** For kind `rollback`: the version it went back to. */
  rollbackOf?: number;
}
/**
 * `ok: false` is an answer, not a failure: `problems` when the menu breaks WeChat's rules or
 * wxdesk's own (`menu_invalid`; e.g. `key_duplicate`, `rule: "wxdesk"`), `error` with WeChat's explanation when WeChat refused (`wechat_error`).
 * Network, key and role failures reject instead.
 */
export interface PublishResult {
  ok: boolean;
  versionId?: number;
  problems?: MenuProblem[];
  error?: DeskError;
}

// ---- links ----------------------------------------------------------------------------------------

export interface LinkRequest {
  scope: OAuthScope;
  /** Target page: a path on the callback server (`/shop`) or an allowed absolute URL. */
  next: string;
}
export interface LinkCheck {
  /** `redirect_domain` (10003), `domain_has_path`, `double_encoded`, `missing_wechat_redirect`, `userinfo_on_landing` (snapshot risk), … */
  code: string;
  level: "error" | "warning";
  messageZh: string;
  message: string;
}
export interface BuiltLinks {
  /** The server's signed, long-lived start link — what goes into a menu view button. */
  startUrl: string;
  /** The WeChat authorize URL itself (open.weixin.qq.com or the sandbox). */
  directUrl: string;
  checks: LinkCheck[];
}
/** `links.check`: whether a pasted link of the active profile's server would work, as that server sees it. */
export interface LinkVerdict {
  /** `start`: the server's `/oauth/start` link; `direct`: a WeChat authorize link back to an `/oauth/callback`. */
  kind: "start" | "direct" | "other";
  /** Addressed to this server; only then do `checks` say what the link will do. */
  own: boolean;
  /** What the link asks for, when the server could read it. */
  scope?: OAuthScope;
  /** Where users land afterwards. */
  next?: string;
  checks: LinkCheck[];
}
export interface QrRequest {
  text: string;
  format: "png" | "svg";
}
export interface QrCode {
  /** `data:image/png;base64,…` or `data:image/svg+xml;…` */
  dataUrl: string;
}

// ---- users ----------------------------------------------------------------------------------------

/** `undecryptable`: the server's token-key cannot open this user's stored tokens (it was lost or changed). */
export type { TokenState };
export interface UserSearchRequest {
  q?: string;
  cursor?: string;
  limit?: number;
  scope?: OAuthScope;
  tokenState?: TokenState;
}
export interface UserRow {
  openid: string;
  unionid?: string;
  nickname?: string;
  headimgurl?: string;
  scope: OAuthScope;
  lastAuthorizedAt: number;
  tokenState: TokenState;
}
export interface UserPage {
  users: UserRow[];
  nextCursor?: string;
  /** Every user of the account, whatever the search and filters, counted with this page. */
  total?: number;
}
/**
 * The server's own token status (state and times, never the tokens): the admin API sends it as it is,
 * so the contract names the server's type instead of restating it (a type only: erased at run time).
 */
export type TokenTimeline = TokenStatus;
/** An app the user signed in to through the server. */
export interface UserAppSignIn {
  clientId: string;
  /** The app's name now (the one it had at the user's last sign-in if it was removed since). */
  name: string;
  lastSignInAt: number;
}
export interface UserDetail extends UserRow {
  firstAuthorizedAt: number;
  privilege: string[];
  tokens: TokenTimeline;
  /** The apps the user signed in to, most recent first (empty from servers before apps). */
  apps: UserAppSignIn[];
}
export interface UserActionResult {
  ok: boolean;
  tokens?: TokenTimeline;
  /** WeChat's errcode explained in words (zh/en) when not ok. */
  explanation?: ErrorExplanation;
}
export interface CsvExport {
  filename: string;
  csv: string;
  rows: number;
  /** true when the export stopped at its row limit (more users matched than it holds). */
  truncated?: boolean;
}

// ---- replies --------------------------------------------------------------------------------------

/** Passive replies and their rules are shared with the server: `@wxdesk/wechat/replies`. */
export type { ReplyArticle as NewsArticle, ReplyConfig, ReplySettings } from "@wxdesk/wechat/replies";

// ---- activity -------------------------------------------------------------------------------------

export interface ActivityEvent {
  id: number;
  /** One of the server's event types (`SERVER_EVENT_TYPES`), or a newer kind an older desk does not know yet. */
  type: ServerEventType | (string & {});
  at: number;
  data: Record<string, unknown>;
}
export interface ActivityStatus {
  connected: boolean;
  /** Why not, when disconnected (it keeps retrying). */
  error?: DeskError;
}

// ---- local sandbox --------------------------------------------------------------------------------

export interface SandboxStatus {
  running: boolean;
  sandboxUrl?: string;
  serverUrl?: string;
  /** Why the last start failed (`sandbox_failed`), while it is not running. */
  error?: DeskError;
  /**
   * This run could not have the addresses of the last one (another program held a port), so it
   * listens elsewhere: where the simulated WeChat and the callback server were before.
   */
  moved?: { sandboxFrom?: string; serverFrom?: string };
  /**
   * Published menu buttons whose link still points at an address the local sandbox no longer has:
   * they open nothing until the menu is published again with the new address. Absent when unknown
   * (stopped, or the live menu could not be read).
   */
  staleLinks?: StaleLink[];
}
export interface StaleLink {
  /** The button's name, as the phone shows it. */
  name: string;
  url: string;
  /** Set when the button is in a personalised (conditional) menu rather than the default one. */
  conditionalMenuid?: string;
}
export interface SandboxUserView {
  openid: string;
  nickname: string;
  headimgurl: string;
  snapshot: boolean;
}
export interface PhoneTapRequest {
  openid: string;
  /** A click-like button's key. */
  key: string;
}
export interface PhoneTapResult {
  ok: boolean;
  /** What the phone shows: the decoded passive reply, or null for `success`. */
  reply: ReplyConfig | null;
  error?: DeskError;
}

// ---- the API --------------------------------------------------------------------------------------

export interface DeskApi {
  app: {
    info(): Promise<AppInfo>;
    saveSettings(patch: Partial<Settings>): Promise<Settings>;
  };
  profiles: {
    list(): Promise<{ profiles: ProfileView[]; activeId: string }>;
    add(input: ProfileInput): Promise<ProfileView>;
    /**
     * The built-in local profile ("local") takes `{role}` only: which of the local server's own keys the
     * desk sends (「以客服身份试用」); any other field is refused with `local_profile`.
     */
    edit(id: string, patch: ProfilePatch): Promise<ProfileView>;
    remove(id: string): Promise<void>;
    setActive(id: string): Promise<void>;
    testConnection(id: string): Promise<ConnectionTest>;
    /**
     * The profile's server drops its cached WeChat access_token and JS-SDK ticket (admin key); the next
     * menu publish or page signature fetches new ones. After switching accounts or fixing the AppSecret.
     */
    clearTokenCache(id: string): Promise<TokenCacheCleared>;
  };
  /** The active profile's service keys (admin key). */
  serviceKeys: {
    list(): Promise<ServiceKeyView[]>;
    /** The one output that carries a secret: the new key, shown once (never stored by the desktop). */
    create(name: string): Promise<CreatedServiceKey>;
    /** The next request with the key gets 401. Keys from the server's settings reject with `service_key_in_settings`. */
    revoke(id: string): Promise<void>;
  };
  /** The active profile's connected apps: support may list them, only admin may change them. */
  apps: {
    list(): Promise<ConnectedApps>;
    /** Answers the new app's secret, this once (never stored by the desktop). */
    create(input: NewConnectedApp): Promise<IssuedAppSecret>;
    /** A new secret, answered once; the old one stops working at once. */
    rotateSecret(clientId: string): Promise<IssuedAppSecret>;
    /** Its sign-ins stop at once. Apps from the server's settings reject with `app_read_only`. */
    remove(clientId: string): Promise<void>;
  };
  menu: {
    live(): Promise<LiveMenu>;
    loadDraft(): Promise<MenuDraft | null>;
    saveDraft(menu: Menu): Promise<MenuDraft>;
    /** WeChat's rules and wxdesk's own (`validateDeskMenu`): every problem, in document order. */
    validate(menu: Menu): Promise<MenuProblem[]>;
    diff(draft: Menu, live: Menu | null): Promise<MenuChange[]>;
    publish(menu: Menu): Promise<PublishResult>;
    remove(): Promise<void>;
    history(limit?: number): Promise<MenuVersionView[]>;
    rollback(id: number): Promise<PublishResult>;
    addConditional(input: { button: MenuButton[]; matchrule: MatchRule }): Promise<{ menuid: string }>;
    deleteConditional(menuid: string): Promise<void>;
    tryMatch(userId: string): Promise<{ button: MenuButton[] }>;
  };
  links: {
    build(request: LinkRequest): Promise<BuiltLinks>;
    qr(request: QrRequest): Promise<QrCode>;
    /** Asks the server about a pasted link: its signature, target page, appid (`POST links/check`). */
    check(request: { url: string }): Promise<LinkVerdict>;
  };
  users: {
    search(request: UserSearchRequest): Promise<UserPage>;
    get(openid: string): Promise<UserDetail>;
    check(openid: string): Promise<UserActionResult>;
    refresh(openid: string): Promise<UserActionResult>;
    repull(openid: string): Promise<UserActionResult>;
    exportCsv(request: { q?: string }): Promise<CsvExport>;
  };
  replies: {
    get(): Promise<ReplySettings>;
    save(replies: ReplySettings): Promise<ReplySettings>;
  };
  activity: {
    /** The newest `limit` (default 100) stored events of the active profile, oldest first. */
    recent(limit?: number): Promise<ActivityEvent[]>;
    status(): Promise<ActivityStatus>;
    /** Live events of the active profile (reconnecting); returns unsubscribe. Not a plain call: each transport carries it its own way. */
    subscribe(listener: (event: ActivityEvent) => void): () => void;
  };
  sandbox: {
    status(): Promise<SandboxStatus>;
    start(): Promise<SandboxStatus>;
    stop(): Promise<SandboxStatus>;
    users(): Promise<SandboxUserView[]>;
    /** The sandbox consent page URL for a link, as a chosen fixture user (open it in a phone-sized window). */
    consentUrl(input: { link: string; openid: string }): Promise<{ url: string }>;
    tapMenu(request: PhoneTapRequest): Promise<PhoneTapResult>;
  };
}

/** Every callable method as "namespace.method" — what both transports route on. */
export type DeskMethod = {
  [N in keyof DeskApi]: `${N & string}.${Exclude<keyof DeskApi[N], "subscribe"> & string}`;
}[keyof DeskApi];
