/**
 * Admin search speed over 100,000 users (issue 3 target: p95 ≤ 20 ms). Not a test: run with
 *   npx tsx callback-server/src/store/testing/search-speed.ts [--users 100000] [--redis]
 * `--redis` also measures the Redis store at REDIS_URL (under a throwaway key prefix).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { RedisStore } from "../redis-store.js";
import { SqliteStore } from "../sqlite-store.js";
import type { Store, UserRecord } from "../store-types.js";
import { makeUser, T0 } from "./store-fixtures.js";

const { values } = parseArgs({
  options: { users: { type: "string", default: "100000" }, redis: { type: "boolean" } },
});
const USERS = Number(values.users);
const RUNS = 200;
const PAGE = 20; // the admin users table's page size

const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈",
];
const GIVEN = [
  ..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉萍海林鹏飞晓文斌宇浩凯晨轩子涵欣怡梓睿思佳雨",
];
const WORDS = ["alice", "bob", "coffee", "sunny", "tiger", "小太阳", "追风", "快乐每一天", "🙂", "静待花开"];

// mulberry32: a seeded generator, so every run measures the same data set.
let seed = 42;
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
}
const pick = <T>(items: readonly T[]): T => items[rand(items.length)]!;
const ACCOUNT = "o6_bmj"; // openids of one account share a prefix; exercises the common-prefix case
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function nickname(i: number): string | undefined {
  const r = rand(100);
  if (r < 10) return "微信用户"; // WeChat's placeholder nickname (protocol sheet §4)
  if (r < 15) return undefined; // snsapi_base users have no profile
  if (r < 25) return `${pick(WORDS)}${i % 1000}`;
  return pick(SURNAMES) + pick(GIVEN) + (rand(2) ? pick(GIVEN) : "");
}

function makeUsers(): UserRecord[] {
  return Array.from({ length: USERS }, (_, i) => {
    const openid = ACCOUNT + Array.from({ length: 22 }, () => ALPHABET[rand(64)]).join("");
    const nick = nickname(i);
    return makeUser(openid, {
      ...(nick ? { nickname: nick } : { nickname: undefined, scope: "snsapi_base" as const }),
      ...(rand(3) === 0 ? { unionid: `oUn_${openid.slice(6)}` } : {}),
      lastAuthorizedAt: T0 + rand(90 * 86_400) * 1000,
    });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(store: Store, queries: () => string, label: string): Promise<void> {
  const samples: number[] = [];
  let hits = 0;
  for (let i = 0; i < RUNS; i++) {
    const q = queries();
    const started = process.hrtime.bigint();
    const page = await store.searchUsers({ q, limit: PAGE });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    hits += page.users.length;
  }
  samples.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`.padStart(10);
  console.log(
    `  ${label.padEnd(46)} p50 ${fmt(percentile(samples, 50))}  p95 ${fmt(percentile(samples, 95))}  avg hits ${(hits / RUNS).toFixed(1)}`,
  );
}

async function measure(name: string, store: Store, users: UserRecord[]): Promise<void> {
  let started = Date.now();
  for (const user of users) await store.upsertUser(user);
  console.log(
    `${name}: inserted ${await store.countUsers()} users in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const named = users.filter((u) => u.nickname && /^[\u4e00-\u9fff]{3}$/.test(u.nickname));
  const any = () => pick(users);
  started = Date.now();
  await time(store, () => pick(GIVEN) + pick(GIVEN), "2-char CJK fragment (random given-name pair)");
  await time(store, () => pick(named).nickname!.slice(1), "2-char CJK fragment (from a real nickname)");
  await time(store, () => "静待", "2-char CJK fragment (common: 静待)");
  await time(store, () => "无敌", "2-char CJK fragment (no match)");
  await time(store, () => pick(named).nickname!, "3-char CJK nickname (rare)");
  await time(store, () => "微信用户", "4-char placeholder 微信用户 (10% of users)");
  await time(store, () => "快乐每一", "4-char CJK fragment (~1% of users)");
  await time(store, () => "zzqx", "4-char fragment, no match");
  await time(store, () => any().openid, "openid exact");
  await time(store, () => any().openid.slice(0, 12), "openid prefix (12 chars, unique)");
  await time(store, () => ACCOUNT, "openid account prefix (matches everyone)");
  await time(store, () => "", "no query (first page)");
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s of searching)`);
}

const users = makeUsers();
const dir = mkdtempSync(join(tmpdir(), "wxdesk-search-speed-"));
const sqlite = new SqliteStore({ path: join(dir, "speed.db") });
try {
  await measure("SQLite", sqlite, users);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

if (values.redis) {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const keyPrefix = `wxdesk:speed:${randomBytes(4).toString("hex")}:`;
  const redis = new RedisStore({ url, keyPrefix });
  try {
    await measure("Redis", redis, users);
  } finally {
    await redis.close();
    const admin = new Redis(url);
    let cursor = "0";
    do {
      const [next, keys] = await admin.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    await admin.quit();
  }
}
