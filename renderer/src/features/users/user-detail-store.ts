import type { DeskError, UserDetail } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import type { ErrorExplanation } from "../../ui/error-explanation.js";
import { profileChanges, tokenChanges, type UserChange } from "./user-changes.js";
import { useUsersStore } from "./users-store.js";

export type UserAction = "check" | "refresh" | "repull";

/** How the last action went, for the panel to say in words. */
export interface ActionOutcome {
  action: UserAction;
  ok: boolean;
  /** WeChat refused: its errcode explained (UserActionResult.explanation). */
  explanation?: ErrorExplanation;
  /** The call itself failed (no connection, not allowed). */
  error?: DeskError;
  /** What changed when it worked (empty: nothing did, e.g. a check). */
  changes: UserChange[];
}

interface UserDetailState {
  /** The selected user; undefined = the panel is closed. */
  openid?: string;
  detail?: UserDetail;
  loading: boolean;
  error?: DeskError;
  running?: UserAction;
  outcome?: ActionOutcome;

  select(openid: string | undefined): Promise<void>;
  reload(): Promise<void>;
  run(action: UserAction): Promise<void>;
  reset(): void;
}

const initialState = {
  openid: undefined,
  detail: undefined,
  loading: false,
  error: undefined,
  running: undefined,
  outcome: undefined,
};

// Clicking through the list quickly: only the answer for the user selected now may land.
let selection = 0;

async function perform(action: UserAction, openid: string) {
  const api = desk().users;
  if (action === "check") return api.check(openid);
  if (action === "refresh") return api.refresh(openid);
  return api.repull(openid);
}

export const useUserDetailStore = create<UserDetailState>()((set, get) => ({
  ...initialState,

  async select(openid) {
    if (openid === get().openid) return;
    selection++;
    set({ ...initialState, openid });
    await get().reload();
  },

  async reload() {
    const openid = get().openid;
    if (openid === undefined) return;
    const mine = selection;
    set({ loading: true, error: undefined });
    try {
      const detail = await desk().users.get(openid);
      if (mine === selection) set({ detail, loading: false });
    } catch (error) {
      if (mine === selection) set({ loading: false, error: toDeskError(error) });
    }
  },

  async run(action) {
    const { openid, detail, running } = get();
    if (openid === undefined || !detail || running) return;
    const mine = selection;
    set({ running: action, outcome: undefined });
    try {
      const result = await perform(action, openid);
      let after: UserDetail = result.tokens
        ? { ...detail, tokens: result.tokens, tokenState: result.tokens.state }
        : detail;
      if (action === "repull" && result.ok) {
        // The action answers tokens only; the profile it pulled is read back to say what changed.
        after = await desk()
          .users.get(openid)
          .catch(() => after);
      }
      const changes = [
        ...tokenChanges(detail.tokens, after.tokens),
        ...(action === "repull" ? profileChanges(detail, after) : []),
      ];
      useUsersStore.getState().patchRow(openid, {
        tokenState: after.tokens.state,
        nickname: after.nickname,
        headimgurl: after.headimgurl,
      });
      if (mine !== selection) return;
      set({
        detail: after,
        running: undefined,
        outcome: { action, ok: result.ok, explanation: result.explanation, changes },
      });
    } catch (error) {
      if (mine !== selection) return;
      set({ running: undefined, outcome: { action, ok: false, error: toDeskError(error), changes: [] } });
    }
  },

  reset() {
    selection++;
    set(initialState);
  },
}));
