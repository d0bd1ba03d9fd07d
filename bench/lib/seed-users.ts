import { randomBytes } from "node:crypto";
import { createTokenCipher, type Store, type UserRecord } from "@wxdesk/callback-server";

/** How many users the memory and admin-search suites store (BENCH_USERS for a quick try). */
export const USER_COUNT = Number(process.env.BENCH_USERS ?? 100_000);

const DAY_MS = 86_400_000;
/** Openids of one account share their first characters (here WeChat's documented example prefix). */
export const OPENID_PREFIX = "o6_bmj";
export const UNIONID_PREFIX = "oUnion";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈欧阳",
];
const GIVEN = [
  ..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍海林鹏飞晓文斌宇浩凯晨轩子涵欣怡梓睿思佳雨诗琪嘉",
];
const PHRASES = [
  "小太阳",
  "追风少年",
  "快乐每一天",
  "静待花开",
  "岁月静好",
  "一路向北",
  "半夏",
  "南风知我意",
  "星河滚烫",
  "人间值得",
];
const DECOR = ["🌸", "🍀", "✨", "🐱", "~", "丶", "😊", "🚀"];
const LATIN = ["alice", "Bob", "coffee lover", "Sunny", "tiger", "Lily", "Kevin", "moon"];
/** WeChat's placeholder nickname since 2021-10-20 (protocol sheet §4). */
export const PLACEHOLDER = "微信用户";

/** mulberry32: seeded, so every run stores the same people and asks the same questions. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

function nicknameFor(rand: (n: number) => number, pick: <T>(list: readonly T[]) => T): string | undefined {
  const r = rand(100);
  if (r < 8) return PLACEHOLDER;
  if (r < 13) return undefined; // snsapi_base users: no profile at all
  if (r < 68) return pick(SURNAMES) + pick(GIVEN) + (rand(3) ? pick(GIVEN) : "");
  if (r < 80) return pick(PHRASES) + (rand(2) ? pick(DECOR) : "");
  if (r < 90) return pick(SURNAMES) + pick(GIVEN) + pick(DECOR);
  return `${pick(LATIN)}${rand(2) ? `_${rand(1000)}` : ""}`;
}

/**
 * `count` stored-shape users as the server keeps them: 28-character openids of one account, a
 * unionid for a third of them, varied nicknames (Chinese names, phrases, emoji, Latin, the
 * placeholder, none), authorizations over 90 days, real tokens encrypted with `tokenKey`.
 */
export function makeUsers(count: number, tokenKey: string, now = Date.now()): UserRecord[] {
  const rand = seededRandom(20_261_120);
  const pick = <T>(list: readonly T[]): T => list[rand(list.length)] as T;
  const chars = (n: number) => Array.from({ length: n }, () => ALPHABET[rand(64)]).join("");
  const cipher = createTokenCipher(tokenKey);
  const seen = new Set<string>();
  const users: UserRecord[] = [];
  while (users.length < count) {
    const openid = OPENID_PREFIX + chars(28 - OPENID_PREFIX.length);
    if (seen.has(openid)) continue;
    seen.add(openid);
    const nickname = nicknameFor(rand, pick);
    const lastAuthorizedAt = now - rand(90 * DAY_MS);
    const tokens = randomBytes(144).toString("base64url");
    users.push({
      openid,
      ...(rand(3) === 0 ? { unionid: UNIONID_PREFIX + chars(28 - UNIONID_PREFIX.length) } : {}),
      scope: nickname === undefined ? "snsapi_base" : "snsapi_userinfo",
      ...(nickname === undefined
        ? {}
        : { nickname, headimgurl: `https://thirdwx.qlogo.cn/mmopen/vi_32/${chars(40)}/132` }),
      sex: 0,
      privilege: [],
      lang: "zh_CN",
      firstAuthorizedAt: lastAuthorizedAt - rand(180 * DAY_MS),
      lastAuthorizedAt,
      tokens: {
        accessTokenEnc: cipher.encrypt(`86_${tokens.slice(0, 96)}`),
        refreshTokenEnc: cipher.encrypt(`86_${tokens.slice(96)}`),
        accessExpiresAt: lastAuthorizedAt + 7_200_000,
        refreshExpiresAt: lastAuthorizedAt + 30 * DAY_MS,
        obtainedAt: lastAuthorizedAt,
      },
    });
  }
  return users;
}

/** Stores every user through the Store API (as the server would), `concurrency` at a time; seconds taken. */
export async function seedStore(
  store: Store,
  users: readonly UserRecord[],
  concurrency: number,
): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < users.length) {
      const user = users[next++] as UserRecord;
      await store.upsertUser(user);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const stored = await store.countUsers();
  if (stored !== users.length) throw new Error(`seeded ${users.length} users but the store holds ${stored}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}
