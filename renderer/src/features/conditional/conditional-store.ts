import type { DeskError, LiveMenu } from "@wxdesk/electron/desk-api";
import {
  type MatchRule,
  type Menu,
  type MenuButton,
  type MenuProblem,
  validateDeskMenu,
  validateMatchRule,
} from "@wxdesk/wechat/menu";
import { create } from "zustand";
import { selectActiveIsLocal, useAppStore } from "../../app/app-store.js";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError, showToast } from "../../ui/toast-store.js";
import { conditionalMessages } from "./conditional-messages.js";
import { identifyMenu, type MenuIdentity } from "./menu-identity.js";

/** Where the new conditional menu's buttons come from. */
export type ButtonSource = "live" | "draft" | "copy";

export interface MatchResult {
  userId: string;
  button: MenuButton[];
  which: MenuIdentity;
}

interface ConditionalState {
  phase: "idle" | "loading" | "ready" | "failed";
  loadError?: DeskError;
  live?: LiveMenu;
  /** The menu editor's saved draft (a way to give conditional menus other buttons). */
  draft: Menu | null;
  source: ButtonSource;
  /** Buttons copied from an existing conditional menu (「以它为起点新建」). */
  copied?: { menuid: string; button: MenuButton[] };
  rule: MatchRule;
  adding: boolean;
  addError?: DeskError;
  /** menuid waiting for the delete confirmation. */
  confirmDelete?: string;
  deleting: boolean;
  userId: string;
  matching: boolean;
  match?: MatchResult;
  matchError?: DeskError;

  load(): Promise<void>;
  setSource(source: ButtonSource): void;
  /** Sets rule fields; an empty value removes the field (WeChat reads "" as unset too). */
  setRule(patch: Partial<MatchRule>): void;
  startFrom(menuid: string): void;
  add(): Promise<boolean>;
  askDelete(menuid: string): void;
  cancelDelete(): void;
  confirmRemove(): Promise<void>;
  setUserId(userId: string): void;
  tryMatch(): Promise<void>;
  reset(): void;
}

const initialState = {
  phase: "idle" as const,
  loadError: undefined,
  live: undefined,
  draft: null,
  source: "live" as ButtonSource,
  copied: undefined,
  rule: {},
  adding: false,
  addError: undefined,
  confirmDelete: undefined,
  deleting: false,
  userId: "",
  matching: false,
  match: undefined,
  matchError: undefined,
};

const NO_BUTTONS: MenuButton[] = [];

/** The buttons the new menu would get from the chosen source (none when that menu does not exist). */
export function selectNewButtons(
  s: Pick<ConditionalState, "source" | "live" | "draft" | "copied">,
): MenuButton[] {
  if (s.source === "copy") return s.copied?.button ?? NO_BUTTONS;
  if (s.source === "draft") return s.draft?.button ?? NO_BUTTONS;
  return s.live?.menu?.button ?? NO_BUTTONS;
}

type ProblemInput = Pick<ConditionalState, "source" | "live" | "draft" | "copied" | "rule" | "addError">;

// Per buttons, rule and last error (each replaced, never mutated): the same inputs give the same array,
// so components can select it without re-rendering in a loop.
const problemCache = new WeakMap<
  MenuButton[],
  WeakMap<MatchRule, Map<DeskError | undefined, MenuProblem[]>>
>();

/**
 * What the server would refuse, checked as it checks (validateDeskMenu — WeChat's rules and wxdesk's own —
 * and validateMatchRule), plus the server's own `menu_invalid` problems from the last try. Paths:
 * `button[…]…`, `matchrule.<field>`.
 */
export function selectProblems(s: ProblemInput): MenuProblem[] {
  const buttons = selectNewButtons(s);
  let byRule = problemCache.get(buttons);
  if (!byRule) {
    byRule = new WeakMap();
    problemCache.set(buttons, byRule);
  }
  let byError = byRule.get(s.rule);
  if (!byError) {
    byError = new Map();
    byRule.set(s.rule, byError);
  }
  let problems = byError.get(s.addError);
  if (!problems) {
    const local = [...validateDeskMenu({ button: buttons }), ...validateMatchRule(s.rule)];
    const server = (s.addError?.code === "menu_invalid" ? (s.addError.details?.problems ?? []) : []).filter(
      (p) => !local.some((l) => l.path === p.path && l.code === p.code),
    );
    problems = [...local, ...server];
    byError.set(s.addError, problems);
  }
  return problems;
}

/** WeChat's 65303: the account has no default menu yet. */
export function needsDefaultMenu(error: DeskError | undefined): boolean {
  return error?.details?.errcode === 65303 || error?.details?.explanation?.errcode === 65303;
}

export const useConditionalStore = create<ConditionalState>()((set, get) => ({
  ...initialState,

  async load() {
    set({ phase: "loading", loadError: undefined });
    const api = desk();
    try {
      const [live, draft] = await Promise.all([api.menu.live(), api.menu.loadDraft().catch(() => null)]);
      set((s) => ({
        phase: "ready",
        live,
        draft: draft?.menu ?? null,
        // Without a live menu the draft is the only source that can have buttons.
        source: s.source === "live" && !live.menu && draft ? "draft" : s.source,
      }));
    } catch (error) {
      set({ phase: "failed", loadError: toDeskError(error) });
    }
  },

  setSource: (source) => set({ source, addError: undefined }),

  setRule(patch) {
    const rule: Record<string, string> = { ...get().rule };
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined || value === "") delete rule[field];
      else rule[field] = value;
    }
    set({ rule, addError: undefined });
  },

  startFrom(menuid) {
    const menu = get().live?.conditional.find((c) => c.menuid === menuid);
    if (!menu) return;
    set({
      copied: { menuid, button: menu.button },
      source: "copy",
      rule: { ...menu.matchrule },
      addError: undefined,
    });
    showToast({ kind: "info", text: both(conditionalMessages, (m) => m.copied) });
  },

  async add() {
    const s = get();
    const button = selectNewButtons(s);
    if (s.adding || button.length === 0 || selectProblems({ ...s, addError: undefined }).length > 0)
      return false;
    set({ adding: true, addError: undefined });
    try {
      await desk().menu.addConditional({ button, matchrule: s.rule });
      set({ adding: false, rule: {}, copied: undefined, source: s.source === "copy" ? "live" : s.source });
      // The local sandbox's phone shows it at once; a real account's phones within 5 minutes (§7.1).
      const local = selectActiveIsLocal(useAppStore.getState());
      showToast({
        kind: "success",
        text: both(conditionalMessages, (m) => (local ? m.addedLocal : m.added)),
      });
      await get().load();
      return true;
    } catch (error) {
      set({ adding: false, addError: toDeskError(error) });
      return false;
    }
  },

  askDelete: (confirmDelete) => set({ confirmDelete }),
  cancelDelete: () => set({ confirmDelete: undefined }),

  async confirmRemove() {
    const menuid = get().confirmDelete;
    if (!menuid) return;
    set({ deleting: true });
    try {
      await desk().menu.deleteConditional(menuid);
      set({ deleting: false, confirmDelete: undefined });
      showToast({ kind: "success", text: both(conditionalMessages, (m) => m.removed) });
      await get().load();
    } catch (error) {
      set({ deleting: false, confirmDelete: undefined });
      showError(
        error,
        both(conditionalMessages, (m) => m.removeFailed),
      );
    }
  },

  setUserId: (userId) => set({ userId }),

  async tryMatch() {
    const userId = get().userId.trim();
    if (!userId) return;
    set({ matching: true, matchError: undefined });
    try {
      const { button } = await desk().menu.tryMatch(userId);
      set({ matching: false, match: { userId, button, which: identifyMenu(button, get().live) } });
    } catch (error) {
      set({ matching: false, match: undefined, matchError: toDeskError(error) });
    }
  },

  reset: () => set(initialState),
}));
