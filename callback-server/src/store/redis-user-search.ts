import type { Redis } from "ioredis";
import type { RedisKeys } from "./redis-keys.js";
import { SEARCH_STEP } from "./redis-scripts.js";
import { findCandidates } from "./redis-user-index.js";
import { isAfter, type UserPosition } from "./user-cursor.js";
import { type UserQuery, userMatches } from "./user-match.js";

export interface ScanResult {
  /** Matching users in newest-first order, at most `limit + 1`. */
  matches: UserPosition[];
  /** Set when the scan cap stopped the walk: resume from here. */
  stoppedAt?: UserPosition;
}

/** Entries per Lua step: small, because a script blocks Redis while it runs (~1.5 ms here). */
const STEP = 500;
export interface ScanLimits {
  /** Users examined per call by the walk before it returns a partial page with a cursor. */
  scanCap: number;
  /** More index candidates than this means a common match: walking newest-first finds a page sooner. */
  candidateCap: number;
}

/**
 * Rare matches come from the index (redis-user-index.ts), ranked here. Common ones walk the
 * recency zset newest first, filtered inside Redis (SEARCH_STEP) so only matches travel;
 * they are common, so a page fills quickly. `scanCap` still bounds the users examined per
 * call; the caller turns `stoppedAt` into a cursor.
 */
export async function scanUsers(
  redis: Redis,
  keys: RedisKeys,
  query: UserQuery | undefined,
  start: UserPosition | undefined,
  limit: number,
  { scanCap, candidateCap }: ScanLimits,
): Promise<ScanResult> {
  if (!query) return { matches: await newest(redis, keys, start, limit + 1) };
  const candidates = await findCandidates(redis, keys, query, candidateCap);
  if (candidates) return { matches: await rank(redis, keys, query, candidates, start, limit + 1) };

  const matches: UserPosition[] = [];
  const step = Math.min(STEP, Math.max(1, scanCap));
  let max = start ? String(start.at) : "+inf";
  let offset = 0; // entries already fetched whose score equals `max` (ties share a score)
  let examined = 0;
  let last = start;

  for (;;) {
    const reply = (await redis.eval(
      SEARCH_STEP,
      3,
      keys.usersRecent,
      keys.usersNick,
      keys.usersUnion,
      max,
      offset,
      step,
      start?.at ?? 0,
      start?.openid ?? "",
      query.lower,
      query.raw,
      limit + 1 - matches.length,
    )) as Array<string | number>;
    const [fetched, seen, lastId, lastAt, lastScore, ties] = reply;
    for (let i = 6; i + 1 < reply.length; i += 2) {
      matches.push({ openid: String(reply[i]), at: Number(reply[i + 1]) });
    }
    examined += Number(seen);
    if (lastId) last = { openid: String(lastId), at: Number(lastAt) };
    if (matches.length > limit || Number(fetched) < step) return { matches };
    if (examined >= scanCap && last) return { matches, stoppedAt: last };

    if (String(lastScore) === max) {
      offset += Number(fetched);
    } else {
      max = String(lastScore);
      offset = Number(ties);
    }
  }
}

/** No query: the next `count` users straight from the recency zset. */
async function newest(
  redis: Redis,
  keys: RedisKeys,
  start: UserPosition | undefined,
  count: number,
): Promise<UserPosition[]> {
  const out: UserPosition[] = [];
  let offset = 0;
  // Entries tied with the cursor's score but not after it are skipped; loop until enough remain.
  for (;;) {
    const flat = await redis.zrange(
      keys.usersRecent,
      start ? String(start.at) : "+inf",
      "-inf",
      "BYSCORE",
      "REV",
      "LIMIT",
      offset,
      count,
      "WITHSCORES",
    );
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const entry = { openid: flat[i]!, at: Number(flat[i + 1]) };
      if ((!start || isAfter(entry, start)) && out.length < count) out.push(entry);
    }
    if (out.length >= count || flat.length < count * 2) return out;
    offset += flat.length / 2;
  }
}

/** Exact test and newest-first order for index candidates (a superset of the matches). */
async function rank(
  redis: Redis,
  keys: RedisKeys,
  query: UserQuery,
  openids: string[],
  start: UserPosition | undefined,
  count: number,
): Promise<UserPosition[]> {
  if (openids.length === 0) return [];
  const [scores, nicks, unions] = await Promise.all([
    redis.zmscore(keys.usersRecent, ...openids),
    redis.hmget(keys.usersNick, ...openids),
    redis.hmget(keys.usersUnion, ...openids),
  ]);
  const out: UserPosition[] = [];
  for (const [i, openid] of openids.entries()) {
    const score = scores[i];
    if (score === null || score === undefined) continue;
    const entry = { openid, at: Number(score) };
    const fields = { openid, nicknameLc: nicks[i] ?? "", unionid: unions[i] ?? undefined };
    if ((!start || isAfter(entry, start)) && userMatches(fields, query)) out.push(entry);
  }
  return out.sort((a, b) => (isAfter(a, b) ? 1 : -1)).slice(0, count);
}
