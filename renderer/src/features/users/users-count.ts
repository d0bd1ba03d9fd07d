import type { usersMessages } from "./users-messages.js";

/**
 * The count above the list, from the same answer as the rows (UserPage.total), so the two always agree:
 * the whole list shown → its length; more to load → the account's total and how many are shown; a search
 * → how many it found, and the account's total beside it.
 */
export function countSummary(
  t: (typeof usersMessages)["en"],
  number: (n: number) => string,
  { shown, total, hasMore, narrowed }: { shown: number; total?: number; hasMore: boolean; narrowed: boolean },
): string {
  if (total === undefined) {
    if (shown === 0) return "";
    return hasMore ? t.loadedSome(number(shown)) : t.loadedAll(number(shown));
  }
  if (!narrowed) return hasMore ? t.countSome(number(total), number(shown)) : t.countAll(number(shown));
  return hasMore ? t.foundSome(number(shown), number(total)) : t.foundAll(number(shown), number(total));
}
