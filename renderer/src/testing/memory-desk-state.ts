import type {
  ActivityEvent,
  ActivityStatus,
  ConditionalMenu,
  ConnectedApp,
  DeskError,
  KeychainStatus,
  MenuDraft,
  MenuVersionView,
  ProfileView,
  ReplySettings,
  Role,
  SandboxStatus,
  SandboxUserView,
  ServerStorage,
  ServiceKeyView,
  Settings,
  UserActionResult,
  UserDetail,
} from "@wxdesk/electron/desk-api";
import type { Menu } from "@wxdesk/wechat/menu";

/** Everything the memory DeskApi holds, open for tests to arrange and to assert on. */
export interface MemoryDeskState {
  settings: Settings;
  profiles: ProfileView[];
  activeId: string;
  /** Keys given to profiles.add/edit: kept here only so a test can prove they never come back out. */
  keys: Map<string, string>;
  /** Whether testConnection succeeds. */
  connectionOk: boolean;
  /** What testConnection says about the server's store (the storage banner reads it). */
  storage: ServerStorage;
  /** Whether the server holds a cached WeChat token and ticket (`profiles.clearTokenCache` drops them). */
  tokenCached: boolean;
  /** The active server's service keys (never the keys themselves). */
  serviceKeys: ServiceKeyView[];
  /** The active server's connected apps (never their secrets). */
  apps: ConnectedApp[];
  live: Menu | null;
  conditional: ConditionalMenu[];
  draft: MenuDraft | null;
  versions: MenuVersionView[];
  users: UserDetail[];
  replies: ReplySettings;
  events: ActivityEvent[];
  sandbox: SandboxStatus;
  /** The status while it last ran: a start comes back to the same addresses, as the real one does. */
  sandboxWhenRunning: SandboxStatus;
  /** What `app.info()` says about the keychain (unavailable: keys need `allowPlaintextKeys`). */
  keychain: KeychainStatus;
  /** What `activity.status()` answers. */
  activityStatus: ActivityStatus;
  /** Overrides the answer of users.check/refresh/repull when it returns one (default: ok). */
  userAction?: MemoryUserAction;
  /** Like the server (docs/admin-api.md Users): one users.search looks at most this many users. */
  userScanLimit?: number;
  /** Overrides the fixture users `sandbox.users()` answers. */
  sandboxUsers?: SandboxUserView[];
  /** `menu.tryMatch`: user id → menuid of the conditional menu it matches (others get the live menu). */
  matches?: Record<string, string>;
  now(): number;
  role(): Role;
}

export type MemoryUserAction = (
  action: "check" | "refresh" | "repull",
  user: UserDetail,
) => UserActionResult | undefined;

export function deskError(
  code: string,
  message: string,
  messageZh: string,
  details?: DeskError["details"],
): DeskError {
  return { code, message, messageZh, ...(details === undefined ? {} : { details }) };
}
