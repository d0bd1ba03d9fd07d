import type {
  ActivityEvent,
  ActivityStatus,
  ConditionalMenu,
  ConnectedApp,
  DeskApi,
  DeskError,
  DeskMethod,
  KeychainStatus,
  ProfileView,
  ReplySettings,
  Role,
  SandboxStatus,
  SandboxUserView,
  ServerStorage,
  ServiceKeyView,
  Settings,
  UserDetail,
} from "@wxdesk/electron/desk-api";
import type { Menu } from "@wxdesk/wechat/menu";
import { memoryAppsApi } from "./memory-apps-api.js";
import { deskError, type MemoryDeskState, type MemoryUserAction } from "./memory-desk-state.js";
import { memoryMenuApi } from "./memory-menu-api.js";
import { memoryRestApi } from "./memory-rest-api.js";
import { memoryServiceKeysApi } from "./memory-service-keys-api.js";
import { generateUsers } from "./memory-users-fixture.js";

export interface MemoryDeskOptions {
  lang?: Settings["lang"];
  theme?: Settings["theme"];
  /** The active profile's role (the server answers the same role in testConnection). */
  role?: Role;
  liveMenu?: Menu | null;
  draft?: Menu | null;
  users?: UserDetail[];
  connectionOk?: boolean;
  /** How the "server" keeps its users, as testConnection reports it (default: SQLite). */
  storage?: ServerStorage;
  /** A fixed clock for tests that format times. */
  now?: () => number;
  /** Adds this many generated users after `users` (memory-users-fixture.ts), e.g. 100_000 for paging. */
  userCount?: number;
  /** The keychain as `app.info()` reports it (default: available). */
  keychain?: KeychainStatus;
  /** What `activity.status()` answers (default: connected). */
  activityStatus?: ActivityStatus;
  /** The answer of users.check/refresh/repull for a user (undefined: the default ok answer). */
  userAction?: MemoryUserAction;
  /**
   * One users.search looks at most this many users, as the server does: a page may then hold fewer
   * than `limit` users, even none, and still carry a cursor. Default: no limit.
   */
  userScanLimit?: number;
  /** The live conditional menus (default: none). */
  conditional?: ConditionalMenu[];
  /** The saved reply settings (default: `{ click: {} }`). */
  replies?: ReplySettings;
  /** What `sandbox.users()` answers (default: the `users`, none of them snapshot users). */
  sandboxUsers?: SandboxUserView[];
  /** The local sandbox's status at start (default: running on 7100/7200, nothing moved). */
  sandbox?: SandboxStatus;
  /** `menu.tryMatch`: user id → the menuid of the conditional menu that user matches (default: the live menu). */
  matches?: Record<string, string>;
  /** The server's service keys (default: none). */
  serviceKeys?: ServiceKeyView[];
  /** The server's connected apps (default: none). */
  apps?: ConnectedApp[];
}

/** The memory DeskApi plus handles for tests: its state, the calls made, and one-shot failures. */
export interface MemoryDesk extends DeskApi {
  state: MemoryDeskState;
  /** Every call as "namespace.method", in order. */
  calls: DeskMethod[];
  /** The next call of `method` rejects with `error` (once). */
  failNext(method: DeskMethod, error: DeskError): void;
  /** The next call of `method` waits until the returned function is called (to order answers in tests). */
  holdNext(method: DeskMethod): () => void;
  /** Pushes a live activity event to subscribers (and into `recent`). */
  emit(event: Omit<ActivityEvent, "id">): void;
}

const LOCAL_PROFILE: ProfileView = {
  id: "local",
  name: "本地沙箱",
  serverUrl: "http://127.0.0.1:7200",
  role: "admin",
  keySet: true,
  keyStorage: "keychain",
  local: true,
};

const RUNNING_SANDBOX: SandboxStatus = {
  running: true,
  sandboxUrl: "http://127.0.0.1:7100",
  serverUrl: LOCAL_PROFILE.serverUrl,
};

/**
 * A DeskApi that keeps everything in memory — for unit and component tests ONLY; app code never imports
 * it (production always uses window.wxdesk). Like the real transports, every answer is a structured
 * clone, so a component that mutates what it got cannot corrupt the "server" state.
 */
export function createMemoryDeskApi(options: MemoryDeskOptions = {}): MemoryDesk {
  const role = options.role ?? "admin";
  const state: MemoryDeskState = {
    settings: { lang: options.lang ?? "zh-CN", theme: options.theme ?? "system", allowPlaintextKeys: false },
    profiles: [{ ...LOCAL_PROFILE, role }],
    activeId: LOCAL_PROFILE.id,
    keys: new Map(),
    connectionOk: options.connectionOk ?? true,
    storage: options.storage ?? { kind: "sqlite", persistence: "file" },
    tokenCached: true,
    serviceKeys: options.serviceKeys ?? [],
    apps: options.apps ?? [],
    live: options.liveMenu ?? null,
    conditional: options.conditional ?? [],
    draft: options.draft ? { menu: options.draft, savedAt: 0 } : null,
    versions: [],
    users: [
      ...(options.users ?? []),
      ...(options.userCount ? generateUsers(options.userCount, (options.now ?? Date.now)()) : []),
    ],
    replies: options.replies ?? { click: {} },
    events: [],
    sandbox: options.sandbox ?? RUNNING_SANDBOX,
    sandboxWhenRunning: options.sandbox?.running ? options.sandbox : RUNNING_SANDBOX,
    keychain: options.keychain ?? { available: true },
    activityStatus: options.activityStatus ?? { connected: true },
    ...(options.userAction ? { userAction: options.userAction } : {}),
    ...(options.userScanLimit ? { userScanLimit: options.userScanLimit } : {}),
    ...(options.sandboxUsers ? { sandboxUsers: options.sandboxUsers } : {}),
    ...(options.matches ? { matches: options.matches } : {}),
    now: options.now ?? Date.now,
    role: () => state.profiles.find((p) => p.id === state.activeId)?.role ?? "admin",
  };
  const calls: DeskMethod[] = [];
  const failures = new Map<DeskMethod, DeskError>();
  const holds = new Map<DeskMethod, Promise<void>>();
  const listeners = new Set<(event: ActivityEvent) => void>();

  const rest = memoryRestApi(state);
  const raw: DeskApi = {
    ...rest,
    menu: memoryMenuApi(state),
    serviceKeys: memoryServiceKeysApi(state),
    apps: memoryAppsApi(state),
    activity: {
      ...rest.activity,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };

  // Wrap every method: record the call, apply a planned failure, clone in and out like IPC does.
  const api = {} as Record<string, Record<string, unknown>>;
  for (const [ns, methods] of Object.entries(raw)) {
    api[ns] = {};
    for (const [name, fn] of Object.entries(methods as Record<string, (...args: unknown[]) => unknown>)) {
      if (name === "subscribe") {
        api[ns][name] = fn;
        continue;
      }
      const method = `${ns}.${name}` as DeskMethod;
      api[ns][name] = async (...args: unknown[]) => {
        calls.push(method);
        const hold = holds.get(method);
        if (hold) {
          holds.delete(method);
          await hold;
        }
        const failure = failures.get(method);
        if (failure) {
          failures.delete(method);
          throw structuredClone(failure);
        }
        return structuredClone(await fn(...structuredClone(args)));
      };
    }
  }

  return Object.assign(api as unknown as DeskApi, {
    state,
    calls,
    failNext(method: DeskMethod, error: DeskError) {
      failures.set(method, error);
    },
    holdNext(method: DeskMethod) {
      let release = () => {};
      holds.set(
        method,
        new Promise<void>((resolve) => {
          release = resolve;
        }),
      );
      return release;
    },
    emit(event: Omit<ActivityEvent, "id">) {
      const full = { ...event, id: state.events.length + 1 };
      state.events.push(full);
      for (const listener of listeners) listener(structuredClone(full));
    },
  });
}

export { deskError };
