import type { OAuthScope } from "@wxdesk/wechat";
import type { TokenState } from "../../app-context.js";
import { tokenStatus } from "../../context/user-token-service.js";
import type { Store, UserPage, UserRecord } from "../../store/store-types.js";
import { encodeCursor } from "../../store/user-cursor.js";

export interface UserFilters {
  scope?: OAuthScope | undefined;
  tokenState?: TokenState | undefined;
}

export interface FilteredSearch {
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  filters: UserFilters;
  now: number;
  /** Whether a user's tokens open with the server's key: `undecryptable` is a token state too. */
  readable: (user: UserRecord) => boolean;
}

export interface WalkBounds {
  /** Store pages read per request at most (each page is ≤ 200 users). */
  maxPages: number;
  /** Users examined per request at most. */
  maxExamined: number;
}

/**
 * Per request: at most 10 store pages and 2,000 users looked at. A rare filter on a large user
 * base then answers a short (even empty) page with a `nextCursor` instead of holding the store;
 * the desktop asks again with the cursor. See the README ("Users: filters").
 */
export const DEFAULT_WALK_BOUNDS: WalkBounds = { maxPages: 10, maxExamined: 2_000 };
/** The store's largest page: few round trips when most users do not match. */
const STORE_PAGE = 200;

function matches(user: UserRecord, search: FilteredSearch): boolean {
  const { filters, now } = search;
  if (filters.scope !== undefined && user.scope !== filters.scope) return false;
  // Token state depends on the clock (and the key), so no store can index it: it is decided here, per user.
  if (
    filters.tokenState !== undefined &&
    tokenStatus(user, now, search.readable(user)).state !== filters.tokenState
  )
    return false;
  return true;
}

/**
 * `store.searchUsers` plus the `scope` / `tokenState` filters, walking the store's newest-first
 * pages. The cursor is the store's own keyset cursor (the position of the last user examined),
 * so a page cut in the middle resumes right after that user, and an unfiltered request is one
 * plain store call.
 */
export async function searchUsersFiltered(
  store: Store,
  search: FilteredSearch,
  bounds: WalkBounds = DEFAULT_WALK_BOUNDS,
): Promise<UserPage> {
  const { q, limit, filters } = search;
  const filtered = filters.scope !== undefined || filters.tokenState !== undefined;
  if (!filtered) {
    return store.searchUsers({
      limit,
      ...(q ? { q } : {}),
      ...(search.cursor ? { cursor: search.cursor } : {}),
    });
  }

  const users: UserRecord[] = [];
  let cursor = search.cursor;
  let examined = 0;
  for (let pages = 0; pages < bounds.maxPages; pages++) {
    const page = await store.searchUsers({
      limit: STORE_PAGE,
      ...(q ? { q } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const [index, user] of page.users.entries()) {
      examined++;
      if (matches(user, search)) users.push(user);
      const more = index < page.users.length - 1 || page.nextCursor !== undefined;
      if (!more) break;
      if (users.length === limit || examined >= bounds.maxExamined) {
        return { users, nextCursor: encodeCursor({ at: user.lastAuthorizedAt, openid: user.openid }) };
      }
    }
    if (page.nextCursor === undefined) return { users };
    cursor = page.nextCursor;
    if (examined >= bounds.maxExamined) break;
  }
  // Out of budget exactly at a page boundary: the store's cursor continues from there.
  return cursor === undefined ? { users } : { users, nextCursor: cursor };
}
