import type { DeskError } from "@wxdesk/electron/desk-api";
import { type Menu, validateDeskMenu } from "@wxdesk/wechat/menu";
import { create } from "zustand";
import { selectRole, useAppStore } from "../../app/app-store.js";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showToast } from "../../ui/toast-store.js";
import { createAutoSave } from "./auto-save.js";
import { commit, endRun, type History, redo, startHistory, undo } from "./menu-history.js";
import { type ImportRefusal, parseMenuFile } from "./menu-import.js";
import { menuMessages } from "./menu-messages.js";
import { type MappedProblems, mapProblems } from "./menu-problems.js";
import { connectEditor, useMenuRemoteStore } from "./menu-remote-store.js";
import {
  addSub,
  addTop,
  type ButtonPatch,
  checkPlace,
  type EditorButton,
  findButton,
  fromMenu,
  insertButton,
  type MoveRefusal,
  moveButton,
  newButtonId,
  type RemovedButton,
  removeButton,
  type TreePlace,
  toMenu,
  updateButton,
} from "./menu-tree.js";

/** One undo step: the whole tree, and the button the change was about (selected again on undo/redo). */
export interface MenuSnapshot {
  buttons: EditorButton[];
  touchedId: string | null;
}

export type DraftSaveState = "saved" | "pending" | "saving" | "failed";

interface MenuState {
  phase: "idle" | "loading" | "ready" | "failed";
  loadError?: DeskError;
  history: History<MenuSnapshot>;
  selectedId: string | null;
  save: { state: DraftSaveState; savedAt?: number; error?: DeskError };

  /** Loads the saved draft, or the account's live menu when there is no draft. */
  open(): Promise<void>;
  select(id: string | null): void;
  addTop(name: string): void;
  addSub(parentId: string, name: string): void;
  /** `field` makes consecutive edits of that field one undo step (typing). */
  edit(id: string, patch: ButtonPatch, field?: string): void;
  /** A field lost focus: the next edit starts a new undo step. */
  endTyping(): void;
  remove(id: string): void;
  restore(removed: RemovedButton): void;
  move(id: string, place: TreePlace): MoveRefusal | undefined;
  undo(): void;
  redo(): void;
  /** Replaces the whole draft (import, account menu, rollback) as one undoable step. */
  replace(menu: Menu | null): void;
  loadLive(): Promise<void>;
  importFile(text: string, fileName: string): void;
  /** Saves the draft now (before publishing, when leaving the screen). */
  flushSave(): Promise<void>;
  reset(): void;
}

const IMPORT_REASON = {
  empty: "importEmpty",
  too_big: "importTooBig",
  not_json: "importNotJson",
  not_menu: "importNotMenu",
  too_deep: "importTooDeep",
} as const satisfies Record<ImportRefusal, keyof typeof menuMessages.en>;

/** Long enough to batch a burst of typing into one save, short enough that nothing is lost. */
export const DRAFT_SAVE_DELAY_MS = 800;

// Edits and saves are numbered so a slow save that finishes after newer edits does not claim "saved".
let editVersion = 0;
let savedVersion = 0;
// The profile the editor was opened for (app store's profileEpoch).
let openedEpoch: number | undefined;

const initialState = {
  phase: "idle" as const,
  loadError: undefined,
  history: startHistory<MenuSnapshot>({ buttons: [], touchedId: null }),
  selectedId: null,
  save: { state: "saved" as const },
};

export const selectButtons = (s: Pick<MenuState, "history">): EditorButton[] => s.history.present.buttons;

/** The draft as WeChat's `menu/create` body. */
export const selectMenu = (s: Pick<MenuState, "history">): Menu => toMenu(selectButtons(s));

const problemCache = new WeakMap<EditorButton[], MappedProblems>();

/**
 * The problems publishing would meet — WeChat's rules and wxdesk's own (two buttons with one key) — tied
 * to buttons and fields; computed once per tree (derived, not stored).
 */
export function selectProblems(s: Pick<MenuState, "history">): MappedProblems {
  const buttons = selectButtons(s);
  let mapped = problemCache.get(buttons);
  if (!mapped) {
    mapped = mapProblems(buttons, validateDeskMenu(toMenu(buttons)));
    problemCache.set(buttons, mapped);
  }
  return mapped;
}

function exists(buttons: readonly EditorButton[], id: string | null): id is string {
  return id !== null && findButton(buttons, id) !== undefined;
}

export const useMenuStore = create<MenuState>()((set, get) => {
  const autoSave = createAutoSave(DRAFT_SAVE_DELAY_MS, () => get().flushSave());

  /** Records a change as an undo step (or extends a typing run), selects, and schedules the draft save. */
  function change(
    buttons: EditorButton[],
    touchedId: string | null,
    select?: string | null,
    coalesceKey?: string,
  ) {
    set((s) => ({
      history: commit(s.history, { buttons, touchedId }, coalesceKey),
      selectedId: select === undefined ? s.selectedId : select,
    }));
    scheduleSave();
  }

  function scheduleSave() {
    editVersion += 1;
    autoSave.cancel();
    set({ save: { ...get().save, state: "pending" } });
    autoSave.schedule();
  }

  function travel(step: typeof undo) {
    const { history, selectedId } = get();
    const next = step(history);
    if (next === history) return;
    // Undo selects what the undone change touched; redo what the redone change touched.
    const touched = step === undo ? history.present.touchedId : next.present.touchedId;
    const buttons = next.present.buttons;
    const select = exists(buttons, touched) ? touched : exists(buttons, selectedId) ? selectedId : null;
    set({ history: next, selectedId: select });
    scheduleSave();
  }

  return {
    ...initialState,

    async open() {
      const { profileEpoch } = useAppStore.getState();
      // Reading the account's menu is for admin keys only (admin API roles); support edits the draft alone.
      const admin = selectRole(useAppStore.getState()) === "admin";
      // Back from another screen, same account: keep the tree, the selection and the undo history.
      if (get().phase === "ready" && openedEpoch === profileEpoch) {
        if (admin) void useMenuRemoteStore.getState().refreshLive();
        return;
      }
      // A save still on its way must land before the draft is read back.
      await get().flushSave();
      openedEpoch = profileEpoch;
      set({ phase: "loading", loadError: undefined });
      useMenuRemoteStore.getState().reset();
      let draft: Menu | null;
      try {
        draft = (await desk().menu.loadDraft())?.menu ?? null;
      } catch (error) {
        set({ phase: "failed", loadError: toDeskError(error) });
        return;
      }
      // The account's live menu (through the server to WeChat) only once the draft is in: asked
      // together, the two shared the app's one process and the editor opened ~100 ms later. It holds
      // the editor up only when there is no draft yet.
      const liveLoad = admin ? useMenuRemoteStore.getState().refreshLive() : Promise.resolve(undefined);
      // No draft yet: start from what the account shows now (or from nothing).
      const menu = draft ?? (await liveLoad)?.menu ?? null;
      const buttons = fromMenu(menu);
      set({
        phase: "ready",
        history: startHistory({ buttons, touchedId: null }),
        selectedId: buttons[0]?.id ?? null,
        save: { state: "saved" },
      });
    },

    select: (id) => set((s) => ({ selectedId: id, history: endRun(s.history) })),

    addTop(name) {
      const button: EditorButton = { id: newButtonId(), name, type: "view", url: "", children: [] };
      const buttons = selectButtons(get());
      const next = addTop(buttons, button);
      if (next.length !== buttons.length) change(next, button.id, button.id);
    },

    addSub(parentId, name) {
      const button: EditorButton = { id: newButtonId(), name, type: "view", url: "", children: [] };
      const next = addSub(selectButtons(get()), parentId, button);
      if (findButton(next, button.id)) change(next, button.id, button.id);
    },

    edit(id, patch, field) {
      const buttons = selectButtons(get());
      if (!findButton(buttons, id)) return;
      change(updateButton(buttons, id, patch), id, undefined, field ? `${id}.${field}` : undefined);
    },

    endTyping: () => set((s) => ({ history: endRun(s.history) })),

    remove(id) {
      const { buttons, removed } = removeButton(selectButtons(get()), id);
      if (!removed) return;
      const after = removed.parentId ?? buttons[Math.min(removed.index, buttons.length - 1)]?.id ?? null;
      change(buttons, id, get().selectedId === id || !exists(buttons, get().selectedId) ? after : undefined);
      const name = removed.button.name;
      showToast({
        kind: "info",
        text: both(menuMessages, (m) => m.deleted(name)),
        action: { label: both(menuMessages, (m) => m.undoDelete), run: () => get().restore(removed) },
      });
    },

    restore(removed) {
      const buttons = selectButtons(get());
      if (exists(buttons, removed.button.id)) return;
      // Its parent may be gone or full by now; then it comes back as a top button if there is room.
      const place = checkPlace(buttons, removed.button, removed)
        ? { parentId: null, index: buttons.length }
        : removed;
      if (checkPlace(buttons, removed.button, place)) {
        showToast({ kind: "error", text: both(menuMessages, (m) => m.restoreFailed(removed.button.name)) });
        return;
      }
      change(insertButton(buttons, removed.button, place), removed.button.id, removed.button.id);
    },

    move(id, place) {
      const result = moveButton(selectButtons(get()), id, place);
      if ("refused" in result) return result.refused;
      change(result.buttons, id, id);
      return undefined;
    },

    undo: () => travel(undo),
    redo: () => travel(redo),

    replace(menu) {
      const buttons = fromMenu(menu);
      change(buttons, null, buttons[0]?.id ?? null);
    },

    async loadLive() {
      const live = await useMenuRemoteStore.getState().refreshLive();
      if (!live) return;
      get().replace(live.menu);
      showToast({
        kind: "success",
        text: both(menuMessages, (m) => (live.menu ? m.liveLoaded : m.liveEmpty)),
        detail: both(menuMessages, (m) => m.undoHint),
      });
    },

    importFile(text, fileName) {
      const result = parseMenuFile(text);
      if (!result.ok) {
        const reason = result.reason;
        showToast({
          kind: "error",
          text: both(menuMessages, (m) => m.importRefused(fileName)),
          detail: both(menuMessages, (m) => m[IMPORT_REASON[reason]]),
        });
        return;
      }
      get().replace(result.menu);
      const count = selectProblems(get()).all.length;
      showToast({
        kind: count > 0 ? "info" : "success",
        text: both(menuMessages, (m) => m.imported(fileName)),
        detail: both(menuMessages, (m) => (count > 0 ? m.importedProblems(count) : m.undoHint)),
      });
    },

    async flushSave() {
      autoSave.cancel();
      if (get().phase !== "ready" || savedVersion === editVersion) return;
      await autoSave.idle();
      if (savedVersion === editVersion) return;
      const version = editVersion;
      set((s) => ({ save: { ...s.save, state: "saving" } }));
      await autoSave.run(async () => {
        try {
          const draft = await desk().menu.saveDraft(selectMenu(get()));
          savedVersion = version;
          set({ save: { state: version === editVersion ? "saved" : "pending", savedAt: draft.savedAt } });
        } catch (error) {
          set((s) => ({ save: { ...s.save, state: "failed", error: toDeskError(error) } }));
        }
      });
    },

    reset() {
      autoSave.reset();
      editVersion = 0;
      savedVersion = 0;
      openedEpoch = undefined;
      set(initialState);
    },
  };
});

connectEditor({
  flushSave: () => useMenuStore.getState().flushSave(),
  draft: () => selectMenu(useMenuStore.getState()),
  replace: (menu) => useMenuStore.getState().replace(menu),
});
