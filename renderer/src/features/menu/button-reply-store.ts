import type { DeskError, ReplyConfig, ReplyProblem, ReplySettings } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { selectRole, useAppStore } from "../../app/app-store.js";
import { desk, toDeskError } from "../../app/desk.js";
import {
  cleanSettings,
  emptyReply,
  type ReplyType,
  replyAt,
  withReply,
} from "../../shared/reply/reply-edit.js";
import { validateReplies } from "../../shared/reply/reply-validate.js";
import { createAutoSave } from "./auto-save.js";
import type { EditorButton } from "./menu-tree.js";

/**
 * The reply of a 「回复消息」 (click) button, set right in its form as WeChat's own menu editor does. One
 * source of truth: the server's reply settings (`replies.get` / `replies.save`, the ones 自动回复 edits),
 * keyed by the button's key. What is typed here is saved by itself shortly after, like the draft, once
 * it passes the server's rules; a save reads the server's settings first and changes only the keys
 * edited here, so a reply set on 自动回复 meanwhile is kept.
 */
export type ReplySaveState = "saved" | "pending" | "saving" | "failed";

interface ButtonReplyState {
  phase: "idle" | "loading" | "ready" | "failed";
  loadError?: DeskError;
  /** The replies as the server has them. */
  saved: ReplySettings;
  /** Replies typed here and not saved yet, by key; null: 「不回复」 (the key's reply goes). */
  edits: Record<string, ReplyConfig | null>;
  save: { state: ReplySaveState; error?: DeskError };

  /** Reads the server's replies (admin keys only: support keys may not read them). */
  load(): Promise<void>;
  setType(key: string, type: ReplyType | "none"): void;
  update(key: string, reply: ReplyConfig): void;
  /** Saves what passes the rules now (before publishing, when leaving the screen). */
  flush(): Promise<void>;
  reset(): void;
}

/** Like the draft: long enough to batch a burst of typing into one save, short enough that nothing is lost. */
export const REPLY_SAVE_DELAY_MS = 800;

const EMPTY: ReplySettings = { click: {} };

const initialState = {
  phase: "idle" as const,
  loadError: undefined,
  saved: EMPTY,
  edits: {},
  save: { state: "saved" as const },
};

// Replies typed under another type, per key and type: switching 文字 → 图片 → 文字 keeps the text.
let stash = new Map<string, ReplyConfig>();

/** The reply a key has here: the one being typed, else the server's; undefined: 「不回复」. */
export function selectButtonReply(
  s: Pick<ButtonReplyState, "saved" | "edits">,
  key: string,
): ReplyConfig | undefined {
  if (Object.hasOwn(s.edits, key)) return s.edits[key] ?? undefined;
  return replyAt(s.saved, { kind: "click", key });
}

/** The server's rules for one key's reply (paths `click["KEY"].content`…), checked while typing. */
export function replyIssues(key: string, reply: ReplyConfig | null | undefined): ReplyProblem[] {
  return reply ? validateReplies({ click: { [key]: reply } }) : [];
}

/** Edited keys whose reply cannot be saved yet, with their problems: they hold publishing back. */
export function selectUnsavedIssues(s: Pick<ButtonReplyState, "edits">): Map<string, ReplyProblem[]> {
  const out = new Map<string, ReplyProblem[]>();
  for (const [key, reply] of Object.entries(s.edits)) {
    const issues = replyIssues(key, reply);
    if (issues.length > 0) out.set(key, issues);
  }
  return out;
}

export interface ButtonReplyProblem {
  buttonId: string;
  problem: ReplyProblem;
}

const replyProblemCache = new WeakMap<object, WeakMap<EditorButton[], ButtonReplyProblem[]>>();

/**
 * The problems of replies typed in the tree's click buttons that cannot be saved yet, tied to the
 * button: like the menu's own problems they hold publishing back (the menu would go out without them).
 * Computed once per (edits, tree).
 */
export function selectReplyProblems(
  s: Pick<ButtonReplyState, "edits">,
  buttons: EditorButton[],
): ButtonReplyProblem[] {
  let byTree = replyProblemCache.get(s.edits);
  if (!byTree) {
    byTree = new WeakMap();
    replyProblemCache.set(s.edits, byTree);
  }
  let found = byTree.get(buttons);
  if (!found) {
    const unsaved = selectUnsavedIssues(s);
    found = buttons
      .flatMap((top) => [top, ...top.children])
      .filter((b) => b.type === "click" && b.children.length === 0)
      .flatMap((b) => (unsaved.get(b.key ?? "") ?? []).map((problem) => ({ buttonId: b.id, problem })));
    byTree.set(buttons, found);
  }
  return found;
}

/**
 * The names of 「回复消息」 buttons that reply nothing (「不回复」): publishing them is allowed, but a
 * follower's tap gets no answer, and the menu only says 「回复消息」. Empty until the replies are read.
 */
export function selectSilentClickButtons(
  s: Pick<ButtonReplyState, "phase" | "saved" | "edits">,
  buttons: readonly EditorButton[],
): string[] {
  if (s.phase !== "ready") return [];
  return buttons
    .flatMap((top) => [top, ...top.children])
    .filter((b) => b.type === "click" && b.children.length === 0 && b.key)
    .filter((b) => !selectButtonReply(s, b.key ?? ""))
    .map((b) => b.name);
}

export const useButtonReplyStore = create<ButtonReplyState>()((set, get) => {
  const autoSave = createAutoSave(REPLY_SAVE_DELAY_MS, () => get().flush());

  function edit(key: string, reply: ReplyConfig | null) {
    set((s) => ({ edits: { ...s.edits, [key]: reply }, save: { state: "pending" } }));
    autoSave.schedule();
  }

  return {
    ...initialState,

    async load() {
      if (selectRole(useAppStore.getState()) !== "admin") {
        set(initialState);
        return;
      }
      await get().flush();
      set({ phase: "loading", loadError: undefined });
      try {
        const saved = await desk().replies.get();
        set({ phase: "ready", saved });
      } catch (error) {
        set({ phase: "failed", loadError: toDeskError(error) });
      }
    },

    setType(key, type) {
      const current = selectButtonReply(get(), key);
      if ((current?.type ?? "none") === type) return;
      if (current) stash.set(`${key}|${current.type}`, current);
      edit(key, type === "none" ? null : (stash.get(`${key}|${type}`) ?? emptyReply(type)));
    },

    update: (key, reply) => edit(key, reply),

    async flush() {
      autoSave.cancel();
      await autoSave.idle();
      const ready = Object.entries(get().edits).filter(
        ([key, reply]) => replyIssues(key, reply).length === 0,
      );
      if (ready.length === 0) return;
      set({ save: { state: "saving" } });
      await autoSave.run(async () => {
        try {
          // Read first: 自动回复 (or another admin) may have changed other keys since this screen loaded.
          let next = await desk().replies.get();
          for (const [key, reply] of ready)
            next = withReply(next, { kind: "click", key }, reply ?? undefined);
          const stored = await desk().replies.save(cleanSettings(next));
          set((s) => {
            // An edit typed while saving stays, to be saved next.
            const edits = Object.fromEntries(
              Object.entries(s.edits).filter(
                ([key, reply]) => !ready.some(([k, r]) => k === key && r === reply),
              ),
            );
            return {
              saved: stored,
              edits,
              save: { state: Object.keys(edits).length > 0 ? "pending" : "saved" },
            };
          });
        } catch (error) {
          set({ save: { state: "failed", error: toDeskError(error) } });
        }
      });
    },

    reset() {
      autoSave.reset();
      stash = new Map();
      set(initialState);
    },
  };
});
