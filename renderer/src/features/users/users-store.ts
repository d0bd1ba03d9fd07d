import type { CsvExport, DeskError, UserRow } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError } from "../../ui/toast-store.js";
import { usersMessages } from "./users-messages.js";
import {
  EMPTY_QUERY,
  type ScopeFilter,
  type StateFilter,
  searchRequest,
  searchText,
  type UsersQuery,
} from "./users-query.js";

/** A finished export: the CSV itself and the search it was made for. */
export interface ExportedCsv extends CsvExport {
  q: string;
}

interface UsersState {
  /** What the search box and filters show (the search runs a moment after typing stops). */
  query: UsersQuery;
  /** Every row loaded so far for the current query, in the server's order (newest authorization first). */
  rows: UserRow[];
  /** Where the next page starts; undefined once the last page arrived. */
  nextCursor?: string;
  /** The first page of the current query has answered. */
  loaded: boolean;
  /** Counts answered first pages: the table goes back to the top when a new list replaces the old. */
  listId: number;
  loading: boolean;
  error?: DeskError;
  exporting: boolean;
  exported?: ExportedCsv;

  /**
   * Typing in the search box: searches once typing pauses (SEARCH_DELAY_MS). While an input method is
   * still composing (pinyin not yet turned into characters) only the text changes; the search follows
   * when the composition ends.
   */
  setSearchText(q: string, composing?: boolean): void;
  setScope(scope: ScopeFilter): void;
  setTokenState(state: StateFilter): void;
  clearQuery(): void;
  /** Starts the current query over from its first page. */
  search(): Promise<void>;
  /** The next page, if any and none is on its way. */
  loadMore(): Promise<void>;
  /** A user action changed what the row shows (token state, nickname, avatar). */
  patchRow(openid: string, patch: Partial<UserRow>): void;
  exportCsv(): Promise<void>;
  closeExport(): void;
  reset(): void;
}

/**
 * Short: a search answers in a few milliseconds and stale answers are dropped, so waiting only
 * coalesces a burst of keystrokes; results must follow typing within ~100 ms (npm run bench).
 */
export const SEARCH_DELAY_MS = 40;

const initialState = {
  query: EMPTY_QUERY,
  rows: [],
  nextCursor: undefined,
  loaded: false,
  listId: 0,
  loading: false,
  error: undefined,
  exporting: false,
  exported: undefined,
};

// Each search gets a new generation: an answer for an older one (slow network, fast typing) is dropped,
// so what the list shows always belongs to what the search box says now.
let generation = 0;
let debounce: ReturnType<typeof setTimeout> | undefined;
// openids already listed for this generation: a user who authorizes again between two pages moves to the
// top of the server's order and would otherwise appear twice.
let seen = new Set<string>();

function cancelDebounce(): void {
  if (debounce) clearTimeout(debounce);
  debounce = undefined;
}

export const useUsersStore = create<UsersState>()((set, get) => ({
  ...initialState,

  setSearchText(q, composing = false) {
    set((s) => ({ query: { ...s.query, q } }));
    cancelDebounce();
    if (composing) return;
    debounce = setTimeout(() => {
      debounce = undefined;
      void get().search();
    }, SEARCH_DELAY_MS);
  },

  setScope(scope) {
    cancelDebounce();
    set((s) => ({ query: { ...s.query, scope } }));
    void get().search();
  },

  setTokenState(tokenState) {
    cancelDebounce();
    set((s) => ({ query: { ...s.query, tokenState } }));
    void get().search();
  },

  clearQuery() {
    cancelDebounce();
    set({ query: EMPTY_QUERY });
    void get().search();
  },

  async search() {
    const mine = ++generation;
    // The old rows stay on screen until the new answer replaces them: no flash of an empty table.
    set({ loading: true, error: undefined });
    try {
      const page = await desk().users.search(searchRequest(get().query));
      if (mine !== generation) return;
      seen = new Set(page.users.map((u) => u.openid));
      set((s) => ({
        rows: page.users,
        nextCursor: page.nextCursor,
        loaded: true,
        loading: false,
        listId: s.listId + 1,
      }));
    } catch (error) {
      if (mine !== generation) return;
      set({ rows: [], nextCursor: undefined, loaded: true, loading: false, error: toDeskError(error) });
    }
  },

  async loadMore() {
    const { nextCursor, loading, query } = get();
    if (!nextCursor || loading) return;
    const mine = generation;
    set({ loading: true, error: undefined });
    try {
      const page = await desk().users.search(searchRequest(query, nextCursor));
      if (mine !== generation) return;
      const fresh = page.users.filter((u) => !seen.has(u.openid));
      for (const u of fresh) seen.add(u.openid);
      // A page may hold no users and still carry a cursor (the server looks at ≤ 2,000 per request).
      set((s) => ({
        rows: fresh.length > 0 ? [...s.rows, ...fresh] : s.rows,
        nextCursor: page.nextCursor,
        loading: false,
      }));
    } catch (error) {
      if (mine !== generation) return;
      // The cursor stays: "retry" asks for the same page again.
      set({ loading: false, error: toDeskError(error) });
    }
  },

  patchRow(openid, patch) {
    set((s) => {
      const index = s.rows.findIndex((r) => r.openid === openid);
      const row = s.rows[index];
      if (!row) return {};
      const rows = [...s.rows];
      rows[index] = { ...row, ...patch };
      return { rows };
    });
  },

  async exportCsv() {
    const q = searchText(get().query);
    set({ exporting: true, exported: undefined });
    try {
      const csv = await desk().users.exportCsv(q ? { q } : {});
      set({ exporting: false, exported: { ...csv, q } });
    } catch (error) {
      set({ exporting: false });
      showError(
        error,
        both(usersMessages, (m) => m.exportFailed),
      );
    }
  },

  closeExport() {
    set({ exported: undefined });
  },

  reset() {
    generation++;
    cancelDebounce();
    seen = new Set();
    set(initialState);
  },
}));

/** More rows exist beyond what is loaded. */
export function selectHasMore(s: Pick<UsersState, "nextCursor">): boolean {
  return s.nextCursor !== undefined;
}
