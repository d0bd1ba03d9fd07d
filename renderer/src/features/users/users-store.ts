import type { ActivityEvent, CsvExport, DeskError, UserPage, UserRow } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";
import { both } from "../../i18n/define-messages.js";
import { showError } from "../../ui/toast-store.js";
import { usersMessages } from "./users-messages.js";
import {
  EMPTY_QUERY,
  MAX_PAGE_SIZE,
  PAGE_SIZE,
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
  /**
   * Every user of the account, whatever the search, as counted with the newest page (UserPage.total):
   * always as fresh as the rows. Undefined until a page answered, or from a server that does not send it.
   */
  total?: number;
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
  /** Shows one user (from 动态 or a toast): the search becomes their openid, filters off. */
  showUser(openid: string): void;
  /**
   * Follows the account's live events: a sign-in, a refresh, a check or a failure changes who is listed
   * and how; the list (and the count) is read again a moment later, without moving the table. Returns stop.
   */
  followLive(): () => void;
  /** Reads the loaded list again in place (what followLive does after an event). */
  refreshInPlace(): Promise<void>;
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
/** Events come in bursts (a sign-in is an authorization and often a check): one read for the burst. */
export const LIVE_DELAY_MS = 300;
/** The events that change who is listed or their token state (docs/admin-api.md "Events"). */
const LIVE_TYPES: ReadonlySet<string> = new Set(["authorization", "refresh", "check", "failure"]);

const initialState = {
  query: EMPTY_QUERY,
  rows: [],
  nextCursor: undefined,
  total: undefined,
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
let liveTimer: ReturnType<typeof setTimeout> | undefined;
// openids already listed for this generation: a user who authorizes again between two pages moves to the
// top of the server's order and would otherwise appear twice.
let seen = new Set<string>();

function cancelDebounce(): void {
  if (debounce) clearTimeout(debounce);
  debounce = undefined;
}

function cancelLive(): void {
  if (liveTimer) clearTimeout(liveTimer);
  liveTimer = undefined;
}

/** A page's count, when the server sent one; otherwise the count held so far stays. */
const totalOf = (page: UserPage) => (page.total === undefined ? {} : { total: page.total });

/** Whether an event is about someone the list may show: an account-wide one (a menu publish) is not. */
function changesUsers(event: ActivityEvent): boolean {
  return LIVE_TYPES.has(event.type) && typeof event.data.openid === "string";
}

/** One read of the list for a burst of live events (LIVE_DELAY_MS after the last one). */
function scheduleLive(): void {
  cancelLive();
  liveTimer = setTimeout(() => {
    liveTimer = undefined;
    void useUsersStore.getState().refreshInPlace();
  }, LIVE_DELAY_MS);
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
        ...totalOf(page),
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
        ...totalOf(page),
        loading: false,
      }));
    } catch (error) {
      if (mine !== generation) return;
      // The cursor stays: "retry" asks for the same page again.
      set({ loading: false, error: toDeskError(error) });
    }
  },

  showUser(openid) {
    cancelDebounce();
    set({ query: { ...EMPTY_QUERY, q: openid } });
    void get().search();
  },

  followLive() {
    const unsubscribe = desk().activity.subscribe((event) => {
      if (changesUsers(event)) scheduleLive();
    });
    return () => {
      unsubscribe();
      cancelLive();
    };
  },

  async refreshInPlace() {
    const { loaded, loading, rows, query } = get();
    // Nothing shown yet: the first answer will be fresh anyway.
    if (!loaded) return;
    // A search or a page is on its way: read again once it has landed.
    if (loading) return scheduleLive();
    const mine = generation;
    try {
      // As many rows as are loaded (up to what one request may hold), so the table keeps its length
      // and its scroll position.
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, rows.length));
      const page = await desk().users.search({ ...searchRequest(query), limit });
      // A search started meanwhile answers for what the box says now; a page meanwhile: read again.
      if (mine !== generation) return;
      if (get().loading) return scheduleLive();
      set((s) => {
        if (s.rows.length <= MAX_PAGE_SIZE) {
          seen = new Set(page.users.map((u) => u.openid));
          return { rows: page.users, nextCursor: page.nextCursor, ...totalOf(page), error: undefined };
        }
        // Deeper than one request reaches: the newest rows are read again, the ones below stay.
        const fresh = new Set(page.users.map((u) => u.openid));
        const merged = [...page.users, ...s.rows.filter((r) => !fresh.has(r.openid))];
        seen = new Set(merged.map((u) => u.openid));
        return { rows: merged, ...totalOf(page) };
      });
    } catch {
      // A live refresh is a courtesy: the list stays as it was, the next event or search tries again.
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
    cancelLive();
    seen = new Set();
    set(initialState);
  },
}));

/** More rows exist beyond what is loaded. */
export function selectHasMore(s: Pick<UsersState, "nextCursor">): boolean {
  return s.nextCursor !== undefined;
}
