import type { TokenState, UserRow, UserSearchRequest } from "@wxdesk/electron/desk-api";

export type Scope = UserRow["scope"];
export type ScopeFilter = "all" | Scope;
export type StateFilter = "all" | TokenState;

/** What the search box and the two filters say; "all" means the filter is off. */
export interface UsersQuery {
  q: string;
  scope: ScopeFilter;
  tokenState: StateFilter;
}

export const EMPTY_QUERY: UsersQuery = { q: "", scope: "all", tokenState: "all" };
export const SCOPES: readonly Scope[] = ["snsapi_base", "snsapi_userinfo"];
/** From fine to broken: the order the filter lists them. */
export const TOKEN_STATES: readonly TokenState[] = [
  "valid",
  "expiring",
  "access_expired",
  "needs_reauth",
  "undecryptable",
];

/** One page: big enough that a scroll rarely waits, small enough to answer fast (`GET users` allows 200). */
export const PAGE_SIZE = 100;
/** The most `GET users` gives in one answer. */
export const MAX_PAGE_SIZE = 200;
/** `users.search` refuses a longer `q`. */
const MAX_Q = 200;

export function searchText(query: UsersQuery): string {
  return query.q.trim().slice(0, MAX_Q);
}

/** The controls → a `users.search` request: "all" and blank leave the field out, as the API expects. */
export function searchRequest(query: UsersQuery, cursor?: string): UserSearchRequest {
  const q = searchText(query);
  return {
    ...(q ? { q } : {}),
    ...(query.scope === "all" ? {} : { scope: query.scope }),
    ...(query.tokenState === "all" ? {} : { tokenState: query.tokenState }),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
}

/** Whether anything narrows the list (an empty list then means "no match", not "no users yet"). */
export function isNarrowed(query: UsersQuery): boolean {
  return searchText(query) !== "" || query.scope !== "all" || query.tokenState !== "all";
}
