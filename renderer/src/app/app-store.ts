import type {
  AppInfo,
  ConnectionTest,
  DeskError,
  ProfileView,
  Role,
  SandboxStatus,
  Settings,
} from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { setLang } from "../i18n/lang-store.js";
import { showError } from "../ui/toast-store.js";
import { desk, toDeskError } from "./desk.js";

export interface ConnectionState {
  checking: boolean;
  /** The last answer for the active profile; undefined until the first check ends. */
  test?: ConnectionTest;
}

interface AppState {
  phase: "loading" | "ready" | "failed";
  /** Why start-up failed (the bridge answered with an error). */
  loadError?: DeskError;
  info?: Omit<AppInfo, "settings">;
  /** zh-CN until the bridge says otherwise: the product's first language. */
  settings: Settings;
  profiles: ProfileView[];
  activeId: string;
  connection: ConnectionState;
  sandbox?: SandboxStatus;
  /** Bumped when the active profile changes: features reload what they show when it moves. */
  profileEpoch: number;

  load(): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<void>;
  reloadProfiles(): Promise<void>;
  switchProfile(id: string): Promise<void>;
  /**
   * Uses the built-in local sandbox as `role` (and makes it the active connection): the desk sends the
   * local server's own admin or support key, so no key is handled here. True when done.
   */
  setLocalRole(role: Role): Promise<boolean>;
  checkConnection(): Promise<void>;
  refreshSandbox(): Promise<void>;
  setSandboxRunning(running: boolean): Promise<void>;
  reset(): void;
}

const DEFAULT_SETTINGS: Settings = { lang: "zh-CN", theme: "system", allowPlaintextKeys: false };

const initialState = {
  phase: "loading" as const,
  loadError: undefined,
  info: undefined,
  settings: DEFAULT_SETTINGS,
  profiles: [],
  activeId: "",
  connection: { checking: false },
  sandbox: undefined,
  profileEpoch: 0,
};

// A connection check answered for a profile that is no longer active is dropped.
let checkSeq = 0;

// Work that must finish while the old profile is still active (e.g. saving a pending menu draft: drafts
// are per account, and the bridge saves into whichever profile is active when the call arrives).
const beforeSwitch = new Set<() => Promise<void>>();

/** Runs `task` before the active profile changes; returns the unregister function (an effect cleanup). */
export function onBeforeProfileSwitch(task: () => Promise<void>): () => void {
  beforeSwitch.add(task);
  return () => {
    beforeSwitch.delete(task);
  };
}

export const useAppStore = create<AppState>()((set, get) => ({
  ...initialState,

  async load() {
    set({ phase: "loading", loadError: undefined });
    try {
      const api = desk();
      const [{ settings, ...info }, { profiles, activeId }, sandbox] = await Promise.all([
        api.app.info(),
        api.profiles.list(),
        api.sandbox.status(),
      ]);
      set({ phase: "ready", info, settings, profiles, activeId, sandbox });
    } catch (error) {
      set({ phase: "failed", loadError: toDeskError(error) });
      return;
    }
    void get().checkConnection();
  },

  async saveSettings(patch) {
    const before = get().settings;
    // Optimistic: the language or theme changes at once; the bridge only persists it.
    set({ settings: { ...before, ...patch } });
    try {
      const saved = await desk().app.saveSettings(patch);
      set({ settings: saved });
      // The built-in profile's name comes in the chosen language: fetch the list again.
      if (patch.lang !== undefined && patch.lang !== before.lang) await get().reloadProfiles();
    } catch (error) {
      set({ settings: before });
      showError(error, { zh: "设置没有保存", en: "The setting was not saved" });
    }
  },

  async reloadProfiles() {
    try {
      const { profiles, activeId } = await desk().profiles.list();
      const moved = activeId !== get().activeId;
      set((s) => ({ profiles, activeId, profileEpoch: moved ? s.profileEpoch + 1 : s.profileEpoch }));
      if (moved) void get().checkConnection();
    } catch (error) {
      showError(error);
    }
  },

  async switchProfile(id) {
    if (id === get().activeId) return;
    await Promise.allSettled([...beforeSwitch].map((task) => task()));
    try {
      await desk().profiles.setActive(id);
      set((s) => ({ activeId: id, connection: { checking: false }, profileEpoch: s.profileEpoch + 1 }));
      void get().checkConnection();
      void get().refreshSandbox();
    } catch (error) {
      showError(error, { zh: "没能切换公众号", en: "Could not switch account" });
    }
  },

  async setLocalRole(role) {
    await Promise.allSettled([...beforeSwitch].map((task) => task()));
    try {
      const local = get().profiles.find((p) => p.local);
      if (!local) return false;
      await desk().profiles.edit(local.id, { role });
      if (get().activeId !== local.id) await desk().profiles.setActive(local.id);
      const { profiles, activeId } = await desk().profiles.list();
      // Another key is another identity: screens reload, and the role tag waits for the server's word.
      set((s) => ({ profiles, activeId, connection: { checking: false }, profileEpoch: s.profileEpoch + 1 }));
      void get().checkConnection();
      void get().refreshSandbox();
      return true;
    } catch (error) {
      showError(error, { zh: "没能切换身份", en: "Could not switch the role" });
      return false;
    }
  },

  async checkConnection() {
    const id = get().activeId;
    if (!id) return;
    const seq = ++checkSeq;
    set((s) => ({ connection: { ...s.connection, checking: true } }));
    let test: ConnectionTest;
    try {
      test = await desk().profiles.testConnection(id);
    } catch (error) {
      test = { ok: false, error: toDeskError(error) };
    }
    if (seq === checkSeq && get().activeId === id) set({ connection: { checking: false, test } });
  },

  async refreshSandbox() {
    try {
      set({ sandbox: await desk().sandbox.status() });
    } catch (error) {
      showError(error);
    }
  },

  async setSandboxRunning(running) {
    try {
      const api = desk().sandbox;
      set({ sandbox: await (running ? api.start() : api.stop()) });
      void get().checkConnection();
    } catch (error) {
      showError(
        error,
        running ? { zh: "本地沙箱没能启动", en: "The local sandbox did not start" } : undefined,
      );
    }
  },

  reset() {
    checkSeq++;
    set(initialState);
  },
}));

// Words and formats (i18n/) sit below this store and cannot read it: hand them the language whenever the
// settings change — a load, a switch in the top bar, a failed save put back, a reset.
useAppStore.subscribe((state) => setLang(state.settings.lang));

export function selectActiveProfile(s: Pick<AppState, "profiles" | "activeId">): ProfileView | undefined {
  return s.profiles.find((p) => p.id === s.activeId);
}

/** The active connection is the built-in local sandbox (its phone window, its instant menus). */
export function selectActiveIsLocal(s: Pick<AppState, "profiles" | "activeId">): boolean {
  return selectActiveProfile(s)?.local ?? false;
}

/** What the server says the key may do wins over what the profile was configured as. */
export function selectRole(s: Pick<AppState, "profiles" | "activeId" | "connection">): Role {
  return s.connection.test?.role ?? selectActiveProfile(s)?.role ?? "admin";
}

/** Support keys may read users and token status only (DESIGN.md, admin API roles). */
export function useCanPublish(): boolean {
  return useAppStore((s) => selectRole(s) === "admin");
}
