import type { DeskError, LiveMenu, MenuChange, MenuVersionView } from "@wxdesk/electron/desk-api";
import type { Menu, MenuProblem } from "@wxdesk/wechat/menu";
import { create } from "zustand";
import { selectActiveIsLocal, useAppStore } from "../../app/app-store.js";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError, showToast } from "../../ui/toast-store.js";
import { useButtonReplyStore } from "./button-reply-store.js";
import { publishMessages } from "./menu-publish-messages.js";

/**
 * Publishing in two clicks: 「发布」 opens the changes in words (draft vs the account's menu now) with
 * 「确认发布」; success closes the dialog and says so once (a toast with the 5-minute note), a refusal
 * stays in the dialog with the problems or WeChat's explanation. The draft is what the editor holds;
 * this store never edits it. `starting`: the local sandbox is being started to continue publishing.
 */
export type PublishStep = "closed" | "review" | "publishing" | "starting" | "failed";

export interface PublishFlow {
  step: PublishStep;
  /** The diff of draft vs live, in words; undefined while it loads. */
  changes?: MenuChange[];
  /** Why publishing (or the diff) failed: WeChat's explanation travels in `details`. */
  error?: DeskError;
  /** What WeChat (or the server's check) found wrong with the menu. */
  problems?: MenuProblem[];
}

/** The local profile's sandbox is stopped: starting it is the way on (DeskError `sandbox_stopped`). */
export function needsSandbox(flow: PublishFlow): boolean {
  return flow.error?.code === "sandbox_stopped";
}

/**
 * What publishing needs from the editor. The editor's store imports this one (it reads the account's
 * menu when it opens), so it hands itself over with `connectEditor` when it loads instead of being
 * imported back: no import cycle.
 */
export interface DraftEditor {
  /** Saves the draft now (a save still waiting on its delay goes at once). */
  flushSave(): Promise<void>;
  /** The draft, as a menu. */
  draft(): Menu;
  /** Puts a menu into the editor (undoable there). */
  replace(menu: Menu | null): void;
}

let editor: DraftEditor | undefined;

/** Called once by menu-store.ts as it loads. */
export function connectEditor(draftEditor: DraftEditor): void {
  editor = draftEditor;
}

function draftEditor(): DraftEditor {
  if (!editor) throw new Error("menu-store.ts connects the editor when it loads: import it first");
  return editor;
}

interface MenuRemoteState {
  /** The account's menu as WeChat has it now; undefined until read. */
  live?: LiveMenu;
  liveLoading: boolean;
  liveError?: DeskError;
  publish: PublishFlow;
  versions?: MenuVersionView[];
  versionsLoading: boolean;
  versionsError?: DeskError;

  refreshLive(): Promise<LiveMenu | undefined>;
  beginPublish(): Promise<void>;
  /** 「确认发布」 in the review: publishes the draft the changes were computed for. */
  publishDraft(): Promise<void>;
  /** 「启动沙箱」 when publishing met a stopped local sandbox: starts it, then shows the changes again. */
  startSandboxAndContinue(): Promise<void>;
  closePublish(): void;
  loadVersions(): Promise<void>;
  /** Puts an older version back on the account and into the editor (undoable there). */
  rollback(id: number): Promise<boolean>;
  /** Deletes the account's menu (and its conditional menus, §7 menu/delete); the draft stays. */
  removeMenu(): Promise<boolean>;
  reset(): void;
}

const initialState = {
  live: undefined,
  liveLoading: false,
  liveError: undefined,
  publish: { step: "closed" as const },
  versions: undefined,
  versionsLoading: false,
  versionsError: undefined,
};

// WeChat clients pull the menu lazily (>5 min since the last pull, §7.1): say so after every change.
// The local sandbox's phone shows it at once: there the 5 minutes would send the admin waiting.
const REFRESH_NOTE = both(publishMessages, (m) => m.phoneRefreshNote);
const REFRESH_NOTE_LOCAL = both(publishMessages, (m) => m.phoneRefreshNoteLocal);
const refreshNote = () => (selectActiveIsLocal(useAppStore.getState()) ? REFRESH_NOTE_LOCAL : REFRESH_NOTE);

export const useMenuRemoteStore = create<MenuRemoteState>()((set, get) => ({
  ...initialState,

  async refreshLive() {
    set({ liveLoading: true, liveError: undefined });
    try {
      const live = await desk().menu.live();
      set({ live, liveLoading: false });
      return live;
    } catch (error) {
      set({ liveLoading: false, liveError: toDeskError(error) });
      return undefined;
    }
  },

  async beginPublish() {
    set({ publish: { step: "review" } });
    const editor = draftEditor();
    // The draft and the buttons' replies typed in the form are saved first: nothing is lost if publishing fails.
    await Promise.all([editor.flushSave(), useButtonReplyStore.getState().flush()]);
    try {
      // Compare with what the account has right now, not with what was read when the editor opened.
      const live = await desk().menu.live();
      set({ live });
      const changes = await desk().menu.diff(editor.draft(), live.menu);
      if (get().publish.step === "review") set({ publish: { step: "review", changes } });
    } catch (error) {
      if (get().publish.step === "review") set({ publish: { step: "failed", error: toDeskError(error) } });
    }
  },

  async publishDraft() {
    const { step, changes } = get().publish;
    if (step !== "review" || !changes || changes.length === 0) return;
    set({ publish: { step: "publishing", changes } });
    const menu = draftEditor().draft();
    try {
      const result = await desk().menu.publish(menu);
      if (result.ok) {
        // Said once, by the toast: the dialog closes (it would only repeat it).
        set((s) => ({
          publish: { step: "closed" },
          live: { menu, conditional: s.live?.conditional ?? [] },
          versions: undefined,
        }));
        showToast({
          kind: "success",
          text: both(publishMessages, (m) => m.published),
          detail: refreshNote(),
        });
      } else {
        set({ publish: { step: "failed", changes, problems: result.problems, error: result.error } });
      }
    } catch (error) {
      set({ publish: { step: "failed", changes, error: toDeskError(error) } });
    }
  },

  async startSandboxAndContinue() {
    const flow = get().publish;
    if (flow.step !== "failed" || !needsSandbox(flow)) return;
    set({ publish: { ...flow, step: "starting" } });
    const app = useAppStore.getState();
    await app.setSandboxRunning(true);
    // Asked again rather than trusted: a failed start leaves the shell's last status in place.
    await app.refreshSandbox();
    const sandbox = useAppStore.getState().sandbox;
    if (get().publish.step !== "starting") return;
    if (!sandbox?.running) {
      // It did not start: say why where the admin is looking (the toast says it too).
      set({ publish: { ...flow, step: "failed", error: sandbox?.error ?? flow.error } });
      return;
    }
    // Replies that could not be read while it was stopped can be now.
    if (useButtonReplyStore.getState().phase === "failed") void useButtonReplyStore.getState().load();
    // The account's menu may differ from before the stop: compare again, then 「确认发布」.
    await get().beginPublish();
  },

  closePublish() {
    const { step } = get().publish;
    if (step !== "publishing" && step !== "starting") set({ publish: { step: "closed" } });
  },

  async loadVersions() {
    set({ versionsLoading: true, versionsError: undefined });
    try {
      // The live menu too, read now: which version is 「当前」 is asked of the account, not assumed.
      const [versions] = await Promise.all([desk().menu.history(50), get().refreshLive()]);
      set({ versions, versionsLoading: false });
    } catch (error) {
      set({ versionsLoading: false, versionsError: toDeskError(error) });
    }
  },

  async rollback(id) {
    try {
      const result = await desk().menu.rollback(id);
      if (!result.ok) {
        // Problems come without a DeskError when the old version no longer passes today's checks.
        const first = result.problems?.[0];
        const why = result.error ?? {
          code: "menu_invalid",
          message: first?.messageEn ?? "",
          messageZh: first?.messageZh ?? "",
          details: { problems: result.problems ?? [] },
        };
        showError(
          why,
          both(publishMessages, (m) => m.rollbackFailed),
        );
        return false;
      }
    } catch (error) {
      showError(
        error,
        both(publishMessages, (m) => m.rollbackFailed),
      );
      return false;
    }
    const live = await get().refreshLive();
    if (live) draftEditor().replace(live.menu);
    set({ versions: undefined });
    void get().loadVersions();
    showToast({ kind: "success", text: both(publishMessages, (m) => m.rolledBack), detail: refreshNote() });
    return true;
  },

  async removeMenu() {
    try {
      await desk().menu.remove();
    } catch (error) {
      showError(
        error,
        both(publishMessages, (m) => m.removeFailed),
      );
      return false;
    }
    set({ live: { menu: null, conditional: [] }, versions: undefined });
    showToast({ kind: "success", text: both(publishMessages, (m) => m.removed), detail: refreshNote() });
    return true;
  },

  reset: () => set(initialState),
}));
