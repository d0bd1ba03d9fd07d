import type { TokenState, TokenTimeline, UserDetail } from "@wxdesk/electron/desk-api";

/**
 * Many believable users for tests and screenshots (`createMemoryDeskApi({ userCount: 100_000 })`):
 * deterministic (user i is always the same), newest authorization first like `GET users`, token times
 * consistent with the server's rules (2-hour access token, 30-day refresh token, "expiring" in the last
 * 10 minutes — callback-server/src/context/user-token-service.ts).
 */
const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "吴",
  "周",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "林",
  "何",
];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "霞",
  "子涵",
  "雨萱",
  "浩然",
  "欣怡",
  "梓轩",
  "晓东",
];
const LATIN = ["Lily", "Tom", "Grace", "Leo", "Mia", "Jack"];
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const COLOURS = ["#07c160", "#1f6fd1", "#e5484d", "#a35c00", "#8e4ec6", "#0d9488"];
/** A few shared avatar strings (data: URLs pass the app's CSP; 100,000 users share six of them). */
const AVATARS = COLOURS.map(
  (colour) =>
    `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="${colour}"/><circle cx="20" cy="16" r="7" fill="#fff" opacity=".9"/><path d="M7 38c2-8 8-12 13-12s11 4 13 12z" fill="#fff" opacity=".9"/></svg>`)}`,
);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ACCESS_LIFETIME = 2 * HOUR;
const REFRESH_LIFETIME = 30 * DAY;

/** A small deterministic hash of (i, salt): the same user every run, no Math.random. */
function hash(i: number, salt: number): number {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x = Math.imul(x ^ (x >>> 15), 2246822507);
  x = Math.imul(x ^ (x >>> 13), 3266489909);
  return (x ^ (x >>> 16)) >>> 0;
}

function id(i: number, prefix: string, salt: number): string {
  let out = prefix;
  for (let k = out.length; k < 28; k++) out += ID_CHARS[hash(i * 31 + k, salt) % ID_CHARS.length];
  return out;
}

export function tokenStateAt(tokens: Omit<TokenTimeline, "state">, now: number): TokenState {
  if (tokens.needsReauth || now >= tokens.refreshExpiresAt) return "needs_reauth";
  if (now >= tokens.accessExpiresAt) return "access_expired";
  if (tokens.accessExpiresAt - now <= 10 * MINUTE) return "expiring";
  return "valid";
}

/** User `i` (0 = the newest authorization). */
export function generatedUser(i: number, now: number): UserDetail {
  const userinfo = hash(i, 1) % 5 < 3;
  // About one authorization every 40 seconds: 100,000 users reach back ~46 days.
  const lastAuthorizedAt = now - i * 40 * SECOND - (hash(i, 2) % (30 * SECOND));
  const firstAuthorizedAt = lastAuthorizedAt - (hash(i, 3) % 4 === 0 ? (hash(i, 4) % 90) * DAY : 0);
  const age = now - lastAuthorizedAt;
  // A few grants revoked (40030) a day after they were made: only users older than that.
  const revoked = hash(i, 7) % 50 === 0 && age > DAY;
  // Refreshed lately: only grants still alive (a refresh token works for 30 days, §3).
  const refreshed = hash(i, 5) % 10 < 3 && age > ACCESS_LIFETIME && age < REFRESH_LIFETIME && !revoked;
  const refreshedAt = refreshed ? now - (hash(i, 6) % (3 * HOUR)) : undefined;
  const base: Omit<TokenTimeline, "state"> = {
    obtainedAt: lastAuthorizedAt,
    accessExpiresAt: (refreshedAt ?? lastAuthorizedAt) + ACCESS_LIFETIME,
    refreshExpiresAt: lastAuthorizedAt + REFRESH_LIFETIME,
    ...(refreshedAt === undefined ? {} : { refreshedAt }),
    ...(revoked
      ? { needsReauth: { at: lastAuthorizedAt + DAY, reason: "40030 invalid refresh_token" } }
      : {}),
  };
  const tokens: TokenTimeline = { state: tokenStateAt(base, now), ...base };
  const latin = hash(i, 8) % 9 === 0;
  const nickname = latin
    ? `${LATIN[hash(i, 9) % LATIN.length]} ${i}`
    : `${SURNAMES[hash(i, 9) % SURNAMES.length]}${GIVEN[hash(i, 10) % GIVEN.length]}${i % 97 === 0 ? "" : i % 1000}`;
  return {
    openid: id(i, "o", 11),
    ...(hash(i, 12) % 3 === 0 ? { unionid: id(i, "oU", 13) } : {}),
    ...(userinfo ? { nickname, headimgurl: AVATARS[hash(i, 14) % AVATARS.length] } : {}),
    scope: userinfo ? "snsapi_userinfo" : "snsapi_base",
    lastAuthorizedAt,
    tokenState: tokens.state,
    firstAuthorizedAt,
    privilege: userinfo && hash(i, 15) % 7 === 0 ? ["chinaunicom"] : [],
    tokens,
    apps: [],
  };
}

/** `count` users, newest authorization first. */
export function generateUsers(count: number, now: number): UserDetail[] {
  return Array.from({ length: count }, (_, i) => generatedUser(i, now));
}
