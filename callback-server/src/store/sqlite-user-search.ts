import type { Statement } from "better-sqlite3";
import type { UserPosition } from "./user-cursor.js";
import type { UserQuery } from "./user-match.js";

export interface UserRow {
  data: string;
  last_authorized_at: number;
  openid: string;
}

type Prepare = (sql: string) => Statement;

/** Trigram FTS answers fragments of three characters or more; shorter ones use users_chars. */
const TRIGRAM_MIN = 3;
/** users_chars (unicode61) indexes letters and digits only; a query without any cannot use it. */
const HAS_TOKEN = /[\p{L}\p{N}]/u;
const START: UserPosition = { at: Number.MAX_SAFE_INTEGER, openid: "" };

const COLUMNS = "SELECT data, last_authorized_at, openid FROM users";
const AFTER = "(last_authorized_at, openid) < (@at, @openid)";
const ORDER = "ORDER BY last_authorized_at DESC, openid DESC LIMIT @limit";
// Mirrors userMatches(): nickname substring, or openid/unionid prefix (range form so the indexes apply).
const MATCH =
  "(instr(nickname_lc, @lower) > 0 OR (openid >= @raw AND openid < @hi) OR (unionid >= @raw AND unionid < @hi))";
const OPENID_RANGE = "SELECT id FROM users WHERE openid >= @raw AND openid < @hi";
const UNIONID_RANGE = "SELECT id FROM users WHERE unionid >= @raw AND unionid < @hi";

const ALL = `${COLUMNS} WHERE ${AFTER} ${ORDER}`;
const SCAN = `${COLUMNS} WHERE ${AFTER} AND ${MATCH} ${ORDER}`;

type FtsTable = "users_fts" | "users_chars";
const ftsPart = (table: FtsTable) => `SELECT rowid FROM ${table} WHERE ${table} MATCH @fts`;
/** Each part counted with its own LIMIT: a UNION would materialize every row before limiting. */
const countCandidates = (table: FtsTable) =>
  [ftsPart(table), OPENID_RANGE, UNIONID_RANGE]
    .map((part) => `(SELECT count(*) FROM (${part} LIMIT @cap))`)
    .join(" + ")
    .replace(/^/, "SELECT ");
const fromCandidates = (table: FtsTable) =>
  `${COLUMNS} WHERE id IN (${ftsPart(table)} UNION ${OPENID_RANGE} UNION ${UNIONID_RANGE})
   AND ${AFTER} AND ${MATCH} ${ORDER}`;

/** One page of users in newest-first order after `position`; ask for `limit + 1` to learn if there is more. */
export function searchUserRows(
  prepare: Prepare,
  query: UserQuery | undefined,
  position: UserPosition | undefined,
  limit: number,
  candidateCap: number,
): UserRow[] {
  const page = { ...(position ?? START), limit };
  if (!query) return prepare(ALL).all(page) as UserRow[];

  const params = {
    ...page,
    raw: query.raw,
    lower: query.lower,
    // Every string with prefix `raw` sorts below raw + U+10FFFF (largest code point).
    hi: `${query.raw}\u{10FFFF}`,
  };
  const chars = [...query.lower];
  const fts = chooseFts(chars);
  if (fts) {
    const withFts = { ...params, fts: fts.phrase };
    const count = prepare(countCandidates(fts.table))
      .pluck()
      .get({ ...withFts, cap: candidateCap + 1 });
    if (typeof count === "number" && count <= candidateCap) {
      return prepare(fromCandidates(fts.table)).all(withFts) as UserRow[];
    }
  }
  return prepare(SCAN).all(params) as UserRow[];
}

/** An FTS phrase that finds a superset of the nicknames containing the fragment. */
function chooseFts(chars: string[]): { table: FtsTable; phrase: string } | undefined {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  if (chars.length >= TRIGRAM_MIN) return { table: "users_fts", phrase: quote(chars.join("")) };
  if (chars.some((c) => HAS_TOKEN.test(c))) return { table: "users_chars", phrase: quote(chars.join(" ")) };
  return undefined;
}
