import type { ChainableCommander, Redis } from "ioredis";
import type { RedisKeys } from "./redis-keys.js";
import type { UserQuery } from "./user-match.js";

/**
 * Redis has no substring index, so we keep a small one: for every nickname, a set per
 * distinct character and per distinct pair of adjacent characters (`gram:<g>` → openids).
 * A fragment of n ≥ 2 characters can only occur in a nickname holding all its pairs, so the
 * intersection of those sets is a superset of the matches; the exact test then filters it.
 * openids and unionids sit in one lexicographic zset for prefix lookups.
 */

const SEP = "\u0000";

function grams(text: string, withSingles: boolean): string[] {
  const chars = [...text];
  const out = new Set<string>(withSingles ? chars : []);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return [...out];
}

/** Queue the index changes for a user whose nickname goes from `before` to `after`. */
export function queueIndexUpdate(
  tx: ChainableCommander,
  keys: RedisKeys,
  openid: string,
  nickname: { before: string | null; after: string },
  unionid: { before: string | null; after: string | undefined },
): void {
  const next = new Set(grams(nickname.after, true));
  for (const g of grams(nickname.before ?? "", true)) if (!next.has(g)) tx.srem(keys.gram(g), openid);
  for (const g of next) tx.sadd(keys.gram(g), openid);
  tx.zadd(keys.usersIds, 0, `o${SEP}${openid}`);
  if (unionid.before && unionid.before !== unionid.after) {
    tx.zrem(keys.usersIds, `u${SEP}${unionid.before}${SEP}${openid}`);
  }
  if (unionid.after) tx.zadd(keys.usersIds, 0, `u${SEP}${unionid.after}${SEP}${openid}`);
}

/**
 * openids that may match, or undefined when more than `cap` do: then the match is common
 * and walking the recency zset finds a page sooner than sorting every candidate.
 */
export async function findCandidates(
  redis: Redis,
  keys: RedisKeys,
  query: UserQuery,
  cap: number,
): Promise<string[] | undefined> {
  const gramKeys = grams(query.lower, [...query.lower].length === 1).map((g) => keys.gram(g));
  const [byNickname, byOpenid, byUnionid] = await Promise.all([
    redis.sintercard(gramKeys.length, ...gramKeys, "LIMIT", cap + 1),
    prefixRange(redis, keys, `o${SEP}${query.raw}`, cap + 1),
    prefixRange(redis, keys, `u${SEP}${query.raw}`, cap + 1),
  ]);
  if (byNickname + byOpenid.length + byUnionid.length > cap) return undefined;

  const ids = new Set(byNickname > 0 ? await redis.sinter(...gramKeys) : []);
  for (const member of byOpenid) ids.add(member.slice(2));
  for (const member of byUnionid) ids.add(member.slice(member.lastIndexOf(SEP) + 1));
  return [...ids];
}

function prefixRange(redis: Redis, keys: RedisKeys, prefix: string, count: number): Promise<string[]> {
  // Lex ranges compare bytes; 0xFF sorts after every UTF-8 byte, so it closes the prefix range.
  const hi = Buffer.concat([Buffer.from(`[${prefix}`), Buffer.from([0xff])]);
  return redis.zrange(keys.usersIds, `[${prefix}`, hi, "BYLEX", "LIMIT", 0, count);
}
