/** Every key the Redis store touches, under one prefix so deployments and tests do not collide. */
export function redisKeys(prefix: string) {
  return {
    user: (openid: string) => `${prefix}user:${openid}`,
    /** zset: openid scored by lastAuthorizedAt, the newest-first walk. */
    usersRecent: `${prefix}users:recent`,
    /** hash: openid → lower-cased nickname; search reads these few bytes, not whole records. */
    usersNick: `${prefix}users:nick`,
    /** hash: openid → unionid, for unionid prefix search. */
    usersUnion: `${prefix}users:union`,
    /** lex zset: `o\0<openid>` and `u\0<unionid>\0<openid>`, for prefix lookups. */
    usersIds: `${prefix}users:ids`,
    /** set per nickname character and character pair → openids (see redis-user-index.ts). */
    gram: (gram: string) => `${prefix}gram:${gram}`,
    menuSeq: `${prefix}menu:seq`,
    menuVersions: `${prefix}menu:versions`,
    replies: `${prefix}replies`,
    meta: (name: string) => `${prefix}meta:${name}`,
    eventSeq: `${prefix}events:seq`,
    events: `${prefix}events`,
    stats: `${prefix}stats`,
    kv: (key: string) => `${prefix}kv:${key}`,
    /** hash per collection: id → value (durable records). */
    records: (collection: string) => `${prefix}records:${collection}`,
    lock: (name: string) => `${prefix}lock:${name}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
