/** The searchable parts of a user, as both stores keep them beside the full record. */
export interface UserSearchFields {
  openid: string;
  unionid?: string | undefined;
  /** Lower-cased with `toLowerCase()`, so matching is case-insensitive for Latin nicknames. */
  nicknameLc: string;
}

export interface UserQuery {
  /** As typed (trimmed): openids and unionids are case-sensitive. */
  raw: string;
  lower: string;
}

/** Undefined for a blank query, which lists everyone. */
export function normalizeQuery(q: string | undefined): UserQuery | undefined {
  const raw = (q ?? "").trim();
  return raw === "" ? undefined : { raw, lower: raw.toLowerCase() };
}

export function lowerNickname(nickname: string | undefined): string {
  return (nickname ?? "").toLowerCase();
}

/** The one definition of a match; the SQLite SQL mirrors it and the contract suite checks both. */
export function userMatches(fields: UserSearchFields, query: UserQuery): boolean {
  return (
    fields.nicknameLc.includes(query.lower) ||
    fields.openid.startsWith(query.raw) ||
    (fields.unionid?.startsWith(query.raw) ?? false)
  );
}
