import { AUTH_ERRORS } from "./catalog-auth-errors.js";
import { CONDITIONAL_MENU_ERRORS } from "./catalog-conditional-menu-errors.js";
import { GLOBAL_ERRORS } from "./catalog-global-errors.js";
import { MENU_ERRORS } from "./catalog-menu-errors.js";
import { PAGE_ERRORS } from "./catalog-page-errors.js";
import type { ErrorCatalogEntry, WeChatErrorClass } from "./error-types.js";

function buildCatalog(): ReadonlyMap<number, ErrorCatalogEntry> {
  const catalog = new Map<number, ErrorCatalogEntry>();
  for (const entry of [
    ...GLOBAL_ERRORS,
    ...PAGE_ERRORS,
    ...AUTH_ERRORS,
    ...MENU_ERRORS,
    ...CONDITIONAL_MENU_ERRORS,
  ]) {
    // A duplicate would silently shadow another entry's advice; fail loudly at import instead.
    if (catalog.has(entry.errcode)) throw new Error(`ERROR_CATALOG: duplicate errcode ${entry.errcode}`);
    catalog.set(entry.errcode, Object.freeze({ ...entry }));
  }
  return catalog;
}

/** Every errcode named in the protocol sheet, plus ERR_NETWORK / ERR_TIMEOUT / ERR_BAD_RESPONSE. */
export const ERROR_CATALOG: ReadonlyMap<number, ErrorCatalogEntry> = buildCatalog();

/** The class of a code; codes we do not know are "unexpected" (never guessed to be retryable). */
export function errorClassOf(errcode: number): WeChatErrorClass {
  return ERROR_CATALOG.get(errcode)?.errorClass ?? "unexpected";
}
