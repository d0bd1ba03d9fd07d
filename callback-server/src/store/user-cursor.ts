import { StoreInputError } from "./store-errors.js";

/** Where a newest-first walk over users stopped: users sort by (lastAuthorizedAt, openid) descending. */
export interface UserPosition {
  at: number;
  openid: string;
}

/**
 * Keyset cursor, not an offset: users re-authorizing between pages (which moves them to the top)
 * cannot make the next page skip or repeat anyone below the cursor.
 */
export function encodeCursor(position: UserPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.openid]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): UserPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "number" ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== "string"
  ) {
    throw new StoreInputError("bad-cursor", "The cursor is not one this server produced.");
  }
  return { at: parsed[0], openid: parsed[1] };
}

/** True when `a` comes after `b` in newest-first order. */
export function isAfter(a: UserPosition, b: UserPosition): boolean {
  return a.at < b.at || (a.at === b.at && a.openid < b.openid);
}
