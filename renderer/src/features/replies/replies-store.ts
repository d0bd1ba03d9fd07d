import type {
  DeskError,
  PhoneTapResult,
  ReplyConfig,
  ReplyProblem,
  ReplySettings,
} from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import type { ScreenId } from "../../app/nav-store.js";
import { both } from "../../i18n/define-messages.js";
import {
  cleanSettings,
  emptyReply,
  type ReplyType,
  replyAt,
  sameSettings,
  withReply,
} from "../../shared/reply/reply-edit.js";
import { normalizeReplyPath, type ReplyTarget, targetPath } from "../../shared/reply/reply-path.js";
import { type ReplyIssue, validateReplies } from "../../shared/reply/reply-validate.js";
import { useSandboxUsersStore } from "../../shared/sandbox-users/sandbox-users-store.js";
import { showToast } from "../../ui/toast-store.js";
import { repliesMessages } from "./replies-messages.js";
import { type ClickKey, collectClickKeys } from "./reply-keys.js";

export interface TapState {
  busy: boolean;
  /** The key the last tap was for: its result is shown only while that key is open. */
  key?: string;
  result?: PhoneTapResult;
}

interface RepliesState {
  phase: "idle" | "loading" | "ready" | "failed";
  loadError?: DeskError;
  /** What the server has. */
  saved: ReplySettings;
  /** What is being edited. */
  draft: ReplySettings;
  /** Click keys of the draft, live and conditional menus. */
  keys: ClickKey[];
  /** The menus did not load: keys can still be typed. */
  menuError?: DeskError;
  /** Keys typed by hand that have no reply yet (shown in the list until they get one or the screen reloads). */
  extraKeys: string[];
  selected: ReplyTarget;
  saving: boolean;
  saveError?: DeskError;
  /** The server's `replies_invalid` problems, paths normalized; shown at their fields until edited. */
  serverProblems: ReplyProblem[];
  /** Set when leaving the screen with unsaved changes: where the admin wanted to go. */
  pendingLeave?: ScreenId;
  tap: TapState;

  load(): Promise<void>;
  select(target: ReplyTarget): void;
  /** Chooses what the selected target replies with (`none`: 「不回复」); typed text of other types is kept. */
  setType(type: ReplyType | "none"): void;
  /** Replaces the selected target's reply (the editor passes a changed copy). */
  updateReply(reply: ReplyConfig): void;
  addKey(key: string): boolean;
  save(): Promise<boolean>;
  discard(): void;
  askLeave(screen: ScreenId): void;
  cancelLeave(): void;
  /** The chosen sandbox test user (shared/sandbox-users) taps the selected button. */
  tapInSandbox(): Promise<void>;
  reset(): void;
}

const EMPTY: ReplySettings = { click: {} };

const initialState = {
  phase: "idle" as const,
  loadError: undefined,
  saved: EMPTY,
  draft: EMPTY,
  keys: [],
  menuError: undefined,
  extraKeys: [],
  selected: { kind: "subscribe" } as ReplyTarget,
  saving: false,
  saveError: undefined,
  serverProblems: [],
  pendingLeave: undefined,
  tap: { busy: false },
};

// Replies typed under another type, per target and type: switching 文字 → 图片 → 文字 keeps the text.
let stash = new Map<string, ReplyConfig>();

const issueCache = new WeakMap<ReplySettings, ReplyIssue[]>();

/** The draft's problems as the server would see them (computed once per draft). */
export function selectIssues(s: Pick<RepliesState, "draft">): ReplyIssue[] {
  let issues = issueCache.get(s.draft);
  if (!issues) {
    issues = validateReplies(s.draft);
    issueCache.set(s.draft, issues);
  }
  return issues;
}

export function selectDirty(s: Pick<RepliesState, "draft" | "saved">): boolean {
  return !sameSettings(s.draft, s.saved);
}

/** Problems at one path (local ones, then the server's), as bilingual texts. */
export function problemsAt(
  s: Pick<RepliesState, "draft" | "serverProblems">,
  path: string,
): Array<{ zh: string; en: string }> {
  const local = selectIssues(s).filter((p) => p.path === path);
  const server = s.serverProblems.filter(
    (p) => p.path === path && !local.some((l) => l.message === p.message),
  );
  return [...local, ...server].map((p) => ({ zh: p.messageZh, en: p.message }));
}

/** Whether anything under a target (`click["K"]…`) has a problem: for the list's 「有问题」 mark. */
export function targetHasProblems(
  s: Pick<RepliesState, "draft" | "serverProblems">,
  target: ReplyTarget,
): boolean {
  const at = targetPath(target);
  const under = (p: { path: string }) => p.path === at || p.path.startsWith(`${at}.`);
  return selectIssues(s).some(under) || s.serverProblems.some(under);
}

export const useRepliesStore = create<RepliesState>()((set, get) => {
  function edit(draft: ReplySettings) {
    const at = targetPath(get().selected);
    // A field the admin touched is theirs again: the server's word on it is out of date.
    set((s) => ({
      draft,
      serverProblems: s.serverProblems.filter((p) => p.path !== at && !p.path.startsWith(`${at}.`)),
    }));
  }

  return {
    ...initialState,

    async load() {
      set({ phase: "loading", loadError: undefined });
      const api = desk();
      const menus = Promise.all([api.menu.loadDraft(), api.menu.live()]).then(
        ([draft, live]) => ({
          keys: collectClickKeys({ draft: draft?.menu, live: live.menu, conditional: live.conditional }),
        }),
        (error: unknown) => ({ keys: [] as ClickKey[], error: toDeskError(error) }),
      );
      let replies: ReplySettings;
      try {
        replies = await api.replies.get();
      } catch (error) {
        set({ phase: "failed", loadError: toDeskError(error) });
        return;
      }
      const found = await menus;
      stash = new Map();
      const first = found.keys[0];
      set({
        phase: "ready",
        saved: replies,
        draft: replies,
        keys: found.keys,
        menuError: "error" in found ? found.error : undefined,
        extraKeys: [],
        selected: first ? { kind: "click", key: first.key } : { kind: "subscribe" },
        saveError: undefined,
        serverProblems: [],
        tap: { busy: false },
      });
    },

    select: (selected) => set({ selected }),

    setType(type) {
      const { draft, selected } = get();
      const current = replyAt(draft, selected);
      if ((current?.type ?? "none") === type) return;
      const at = targetPath(selected);
      if (current) stash.set(`${at}|${current.type}`, current);
      const next = type === "none" ? undefined : (stash.get(`${at}|${type}`) ?? emptyReply(type));
      // A typed key keeps its row after 「不回复」 so the admin can pick another type.
      if (!next && selected.kind === "click" && !get().keys.some((k) => k.key === selected.key)) {
        set((s) => ({
          extraKeys: s.extraKeys.includes(selected.key) ? s.extraKeys : [...s.extraKeys, selected.key],
        }));
      }
      edit(withReply(draft, selected, next));
    },

    updateReply(reply) {
      const { draft, selected } = get();
      edit(withReply(draft, selected, reply));
    },

    addKey(raw) {
      const key = raw.trim();
      const s = get();
      if (key === "") return false;
      if (
        s.keys.some((k) => k.key === key) ||
        s.extraKeys.includes(key) ||
        Object.hasOwn(s.draft.click, key)
      ) {
        set({ selected: { kind: "click", key } });
        return false;
      }
      set({ extraKeys: [...s.extraKeys, key], selected: { kind: "click", key } });
      edit(withReply(get().draft, { kind: "click", key }, emptyReply("text")));
      return true;
    },

    async save() {
      const s = get();
      if (s.saving || !selectDirty(s) || selectIssues(s).length > 0) return false;
      set({ saving: true, saveError: undefined });
      try {
        const stored = await desk().replies.save(cleanSettings(s.draft));
        // Edits made while saving stay in the draft; what the server stored becomes the saved state.
        const draft = sameSettings(get().draft, s.draft) ? stored : get().draft;
        set({ saving: false, saved: stored, draft, serverProblems: [] });
        showToast({ kind: "success", text: both(repliesMessages, (m) => m.saved) });
        return true;
      } catch (error) {
        const deskError = toDeskError(error);
        const problems = (deskError.details?.replyProblems ?? []).map((p) => ({
          ...p,
          path: normalizeReplyPath(p.path),
        }));
        set({ saving: false, saveError: deskError, serverProblems: problems });
        return false;
      }
    },

    discard() {
      stash = new Map();
      set((s) => ({ draft: s.saved, serverProblems: [], saveError: undefined, extraKeys: [] }));
    },

    askLeave: (screen) => set({ pendingLeave: screen }),
    cancelLeave: () => set({ pendingLeave: undefined }),

    async tapInSandbox() {
      const { selected } = get();
      const tapOpenid = useSandboxUsersStore.getState().chosen;
      if (selected.kind !== "click" || !tapOpenid) return;
      const key = selected.key;
      set({ tap: { busy: true, key } });
      try {
        const result = await desk().sandbox.tapMenu({ openid: tapOpenid, key });
        set({ tap: { busy: false, key, result } });
      } catch (error) {
        set({ tap: { busy: false, key, result: { ok: false, reply: null, error: toDeskError(error) } } });
      }
    },

    reset() {
      stash = new Map();
      set(initialState);
    },
  };
});

/** Whether the selected target is the one a tap result belongs to. */
export function tapFor(s: Pick<RepliesState, "tap" | "selected">): PhoneTapResult | undefined {
  return s.selected.kind === "click" && s.tap.key === s.selected.key ? s.tap.result : undefined;
}

/** Whether the selected reply differs from what the server has (a sandbox tap would show the old one). */
export function selectTargetDirty(s: Pick<RepliesState, "draft" | "saved" | "selected">): boolean {
  const draft = replyAt(s.draft, s.selected);
  const saved = replyAt(s.saved, s.selected);
  const one = (r: ReplyConfig | undefined): ReplySettings => (r ? { click: { r } } : { click: {} });
  return !sameSettings(one(draft), one(saved));
}
