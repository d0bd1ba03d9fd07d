/**
 * Lua run inside Redis, where a script is atomic: no other client's command lands between
 * its reads and writes. That is what makes take, compare-and-delete and lock release safe
 * across several server instances.
 */

/** KEYS[1]; returns the value it deleted, or nil. */
export const TAKE = `
local v = redis.call('GET', KEYS[1])
if v then redis.call('DEL', KEYS[1]) end
return v`;

/** KEYS[1], KEYS[2] = mark; ARGV = mark value, mark TTL (ms). TAKE that also sets the mark when it took a value. */
export const TAKE_AND_MARK = `
local v = redis.call('GET', KEYS[1])
if v then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
end
return v`;

/** KEYS[1], ARGV[1] = expected; 1 if deleted. Also releases a lock only for its owner. */
export const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS[1] = user hash, ARGV = field, value[, field to clear]; 0 if the user is unknown. */
export const PATCH_USER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] then redis.call('HDEL', KEYS[1], ARGV[3]) end
return 1`;

/**
 * KEYS = id counter, event zset, stats hash; ARGV = event JSON, max events kept, counter fields…
 * The id, the event and its counters move together, so stats never disagree with the log.
 */
export const APPEND_EVENT = `
local id = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], id, id .. '|' .. ARGV[1])
for i = 3, #ARGV do redis.call('HINCRBY', KEYS[3], ARGV[i], 1) end
local keep = tonumber(ARGV[2])
if keep > 0 and id > keep then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', id - keep) end
return id`;

/**
 * One step of the newest-first user walk, filtered inside Redis so only matches cross the wire.
 * KEYS = recency zset, openid → nickname_lc hash, openid → unionid hash.
 * ARGV = max score, offset, count, start score, start openid ('' = none), query lower, query raw,
 *        matches wanted (stop early once found).
 * Returns { fetched, examined, last examined openid, its score, last fetched score,
 *           fetched entries sharing that score, match openid, match score, … }.
 * Substring tests use plain string.find on UTF-8, which can only match on character boundaries.
 */
export const SEARCH_STEP = `
local rows = redis.call('ZRANGE', KEYS[1], ARGV[1], '-inf', 'BYSCORE', 'REV', 'LIMIT', ARGV[2], ARGV[3], 'WITHSCORES')
local startAt, startId = tonumber(ARGV[4]), ARGV[5]
local lower, raw, want = ARGV[6], ARGV[7], tonumber(ARGV[8])
local out = {}
local examined, lastId, lastAt = 0, '', ''
local fetched = #rows / 2
local lastScore = rows[#rows] or ''
local ties = 0
for i = 1, #rows, 2 do if rows[i + 1] == lastScore then ties = ties + 1 end end
for i = 1, #rows, 2 do
  local id, at = rows[i], rows[i + 1]
  local n = tonumber(at)
  if startId == '' or n < startAt or (n == startAt and id < startId) then
    examined = examined + 1
    lastId, lastAt = id, at
    local hit = string.sub(id, 1, #raw) == raw
    if not hit then
      local nick = redis.call('HGET', KEYS[2], id)
      hit = nick and string.find(nick, lower, 1, true) ~= nil
    end
    if not hit then
      local union = redis.call('HGET', KEYS[3], id)
      hit = union and string.sub(union, 1, #raw) == raw
    end
    if hit then
      out[#out + 1] = id
      out[#out + 1] = at
      if #out / 2 >= want then break end
    end
  end
end
local head = { fetched, examined, lastId, lastAt, lastScore, ties }
for _, v in ipairs(out) do head[#head + 1] = v end
return head`;

/**
 * KEYS[1], ARGV[1] = window (ms); returns { count, ms left }. The first hit sets the expiry, later
 * ones keep it (a fixed window). A counter somehow left without an expiry gets one.
 */
export const HIT_COUNTER = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return { n, left }`;

/** KEYS[1]; returns { count, ms left } or nil. */
export const READ_COUNTER = `
local v = redis.call('GET', KEYS[1])
if not v then return nil end
return { tonumber(v), redis.call('PTTL', KEYS[1]) }`;
