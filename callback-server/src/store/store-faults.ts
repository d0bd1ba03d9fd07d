import { StoreUnavailableError } from "./store-errors.js";
import type { Store } from "./store-types.js";

/** A backend's own "cannot serve now" errors as `StoreUnavailableError`; undefined for anything else. */
export type FaultClassifier = (error: unknown) => StoreUnavailableError | undefined;

/** Every Store method but `close` (a store that is closing has nobody left to answer). */
const GUARDED = [
  "upsertUser",
  "getUser",
  "searchUsers",
  "countUsers",
  "updateUserTokens",
  "markUserNeedsReauth",
  "addMenuVersion",
  "listMenuVersions",
  "getMenuVersion",
  "getReplies",
  "putReplies",
  "appendEvent",
  "saveAuthorization",
  "listEvents",
  "statsSince",
  "putIfAbsent",
  "get",
  "set",
  "take",
  "compareAndDelete",
  "putRecord",
  "getRecord",
  "listRecords",
  "deleteRecord",
  "withLock",
  "ping",
  "describeStorage",
  "hitCounter",
  "readCounter",
  "getMeta",
  "putMeta",
] as const satisfies ReadonlyArray<keyof Store>;

/** Fails to compile when a Store method is missing from GUARDED: a new method is guarded or this breaks. */
type Unguarded = Exclude<keyof Store, (typeof GUARDED)[number] | "close">;
const everyMethodGuarded: [Unguarded] extends [never] ? true : Unguarded = true;
void everyMethodGuarded;

type Method = (this: Store, ...args: unknown[]) => Promise<unknown>;

/**
 * Makes every Store method of a backend class reject with `StoreUnavailableError` when `classify`
 * recognises the failure as the backend's (Redis unreachable, SQLite busy…). Done once per class,
 * on its prototype, rather than at each of the ~60 places the backends call their driver: a new
 * driver call cannot forget it. Other errors (bad input, bugs, a `withLock` body's own errors)
 * pass through unchanged, and so does an error a nested Store call already classified.
 */
export function raiseStoreFaults(storeClass: { prototype: Store }, classify: FaultClassifier): void {
  const prototype = storeClass.prototype as unknown as Record<(typeof GUARDED)[number], Method>;
  for (const name of GUARDED) {
    const method = prototype[name];
    prototype[name] = async function guarded(this: Store, ...args: unknown[]): Promise<unknown> {
      try {
        return await method.apply(this, args);
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        throw classify(error) ?? error;
      }
    };
  }
}
