import { randomInt } from "node:crypto";
import { SANDBOX_DEFAULTS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import {
  buildEventXml,
  buildTextMessageXml,
  createMessageCrypto,
  type MessageCrypto,
  pushSignature,
} from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import type { AppContext, Clock } from "../../../app-context.js";
import { createAppContext } from "../../../context/create-app-context.js";
import type { StoredEvent } from "../../../store/store-types.js";
import {
  dropRedisPrefix,
  type Listening,
  listen,
  tempDir,
  testConfig,
  testRedisPrefix,
} from "../../../testing/test-server.js";

/**
 * Fixture users added to the sandbox so tests know the openids the phone pushes as. Events are de-duplicated
 * by user + CreateTime (seconds) + event, so tests that push the same event use different users.
 */
export const PHONE_USERS = Array.from({ length: 8 }, (_, i) => ({
  id: `push-phone-${i + 1}`,
  openid: `oPushPhoneUser${String(i + 1).padStart(14, "0")}`,
  nickname: `推送测试员${i + 1}`,
}));

export function phoneUser(n: number): string {
  const user = PHONE_USERS[n - 1];
  if (!user) throw new RangeError(`no phone user ${n}`);
  return user.openid;
}

export interface PhoneAnswer {
  ok: boolean;
  status?: number;
  reply: null | Record<string, unknown>;
  raw?: string;
  error?: { code: string };
}

/** One real callback server on a port, against one real sandbox (whose phone pushes to the server). */
export interface PushHarness {
  sandbox: StartedSandbox;
  app: FastifyInstance;
  ctx: AppContext;
  /** `http://127.0.0.1:<port>/wechat`. */
  pushUrl: string;
  /** This run's Redis key prefix (with `redisUrl` only): the store's keys are `<prefix>kv:<key>`. */
  redisKeyPrefix: string | undefined;
  /** Asks the sandbox phone to tap a menu button or follow the account (§9.2), as user 1 unless `openid`. */
  phone(action: "click" | "subscribe", body: Record<string, unknown>): Promise<PhoneAnswer>;
  /**
   * Signs the query like WeChat does (§9.1) and adds `extra` parameters. The timestamp is the real clock's
   * unless given (the server's may be moved with `HarnessOptions.clock`).
   */
  signedUrl(extra?: Record<string, string>, signing?: { nonce?: string; timestamp?: string }): URL;
  /**
   * A safe-mode push (§9.4) of `xml`, encrypted for `appId` (default the sandbox app's) and signed like
   * WeChat's: the URL carries encrypt_type=aes and msg_signature, the body is the `<Encrypt>` envelope.
   */
  sealed(
    xml: string,
    options?: { appId?: string; outer?: string; signing?: { nonce?: string; timestamp?: string } },
  ): { url: URL; body: string };
  /** POSTs `xml` to `url` as WeChat does (text/xml). */
  post(url: URL, xml: string): Promise<Response>;
  /** This run's stored `message` events, oldest first (publishing is fire-and-forget, so callers poll). */
  messageEvents(): Promise<StoredEvent[]>;
  /**
   * Every `message` event of the pushes answered so far: posts a marker push (a text message from an
   * openid of its own, timed by the server's clock) and waits for its event. Events are stored in the order
   * the pushes published them, and a push publishes before it answers, so whatever an earlier push
   * published (wrongly or not) is in the list by then — no sleeping and hoping.
   */
  settledMessageEvents(): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Redis instead of SQLite; the run gets a key prefix of its own, dropped on close. */
  redisUrl?: string | undefined;
  /** The server's clock (default: real time); replay checks read it. */
  clock?: Clock;
  /** WXDESK_PUSH_MAX_SKEW_SECONDS (default 300). */
  pushMaxSkewSeconds?: number;
  /** Stored before the harness is handed out (the passive replies the pushes meet). */
  replies?: Parameters<AppContext["store"]["putReplies"]>[0];
}

/** `buildApp(await createAppContext(config))` on a port, SQLite in a temp folder (or Redis), push configured. */
export async function startPushHarness(options: HarnessOptions = {}): Promise<PushHarness> {
  const dir = tempDir("wxdesk-push-");
  const sandbox = await startSandbox({ users: PHONE_USERS });
  const redisKeyPrefix = options.redisUrl ? testRedisPrefix() : undefined;
  let ctx: AppContext | undefined;
  let server: Listening | undefined;
  try {
    const config = testConfig(sandbox.url, dir.path, {
      msgToken: SANDBOX_DEFAULTS.token,
      msgAesKey: SANDBOX_DEFAULTS.encodingAesKey,
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      ...(options.pushMaxSkewSeconds ? { pushMaxSkewSeconds: options.pushMaxSkewSeconds } : {}),
    });
    ctx = await createAppContext(config, {
      ...(redisKeyPrefix ? { redisKeyPrefix } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    server = await listen(ctx);
    if (options.replies) await ctx.store.putReplies(options.replies);
  } catch (error) {
    await server?.close();
    await ctx?.close();
    await sandbox.close();
    dir.remove();
    throw error;
  }
  const pushUrl = `${server.url}/wechat`;
  const started = { server, ctx };
  const post: PushHarness["post"] = (url, xml) =>
    fetch(url, { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
  const messageEvents: PushHarness["messageEvents"] = async () => {
    const events = await started.ctx.store.listEvents({ afterId: 0, limit: 500 });
    return events.filter((event) => event.type === "message");
  };
  const signedUrl: PushHarness["signedUrl"] = (extra = {}, signing = {}) => {
    const nonce = signing.nonce ?? String(randomInt(1e9, 1e10));
    const timestamp = signing.timestamp ?? String(Math.floor(Date.now() / 1000));
    const url = new URL(pushUrl);
    url.searchParams.set("signature", pushSignature(SANDBOX_DEFAULTS.token, timestamp, nonce));
    url.searchParams.set("timestamp", timestamp);
    url.searchParams.set("nonce", nonce);
    url.searchParams.set("openid", phoneUser(1));
    for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
    return url;
  };

  return {
    sandbox,
    app: server.app,
    ctx,
    pushUrl,
    redisKeyPrefix,
    async phone(action, body) {
      const response = await fetch(`${sandbox.url}/_sandbox/phone/${action}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ openid: phoneUser(1), url: pushUrl, ...body }),
      });
      return (await response.json()) as PhoneAnswer;
    },
    signedUrl,
    sealed(xml, sealing = {}) {
      const url = signedUrl({ encrypt_type: "aes" }, sealing.signing);
      const timestamp = url.searchParams.get("timestamp") ?? "";
      const nonce = url.searchParams.get("nonce") ?? "";
      const { encrypt, msgSignature } = sandboxCrypto(sealing.appId).encrypt(xml, { timestamp, nonce });
      url.searchParams.set("msg_signature", msgSignature);
      const to = `<ToUserName><![CDATA[${SANDBOX_DEFAULTS.originalId}]]></ToUserName>`;
      return { url, body: `<xml>${to}${sealing.outer ?? ""}<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
    },
    post,
    messageEvents,
    async settledMessageEvents() {
      const marker = `oMarker${uniqueDigits()}`;
      const now = Math.floor(started.ctx.clock.now() / 1000);
      const xml = buildTextMessageXml({
        toUserName: SANDBOX_DEFAULTS.originalId,
        fromUserName: marker,
        createTime: now,
        content: "marker",
        msgId: uniqueDigits(),
      });
      const answer = await post(signedUrl({}, { timestamp: String(now) }), xml);
      if ((await answer.text()) !== "success") throw new Error("the marker push was not accepted");
      const events = await eventually(
        () => messageEvents(),
        (list) => list.some((e) => e.data.openid === marker),
      );
      if (!events.some((e) => e.data.openid === marker)) throw new Error("the marker push left no event");
      return events.filter((e) => e.data.openid !== marker && !String(e.data.openid).startsWith("oMarker"));
    },
    async close() {
      await started.server.close();
      await started.ctx.close();
      await sandbox.close();
      if (options.redisUrl && redisKeyPrefix) await dropRedisPrefix(options.redisUrl, redisKeyPrefix);
      dir.remove();
    },
  };
}

/** The sandbox account's safe-mode crypto (§9.4), as WeChat holds it; `appId` encrypts for another account. */
export function sandboxCrypto(appId: string = SANDBOX_DEFAULTS.appid): MessageCrypto {
  return createMessageCrypto({
    token: SANDBOX_DEFAULTS.token,
    encodingAesKey: SANDBOX_DEFAULTS.encodingAesKey,
    appId,
  });
}

/** One field of a §9.4 answer envelope: `<Tag><![CDATA[v]]></Tag>` or `<Tag>v</Tag>`. */
function envelopeField(envelope: string, tag: string): string {
  const match = new RegExp(`<${tag}>(?:<!\\[CDATA\\[([^\\]]*)\\]\\]>|([^<]*))</${tag}>`).exec(envelope);
  return match?.[1] ?? match?.[2] ?? "";
}

/**
 * Opens a safe-mode answer as WeChat would: checks its MsgSignature, decrypts it (MessageCryptoError when
 * either fails) and returns the reply XML with the envelope's nonce and signature.
 */
export function openEnvelope(envelope: string): { xml: string; nonce: string; msgSignature: string } {
  const fields = {
    encrypt: envelopeField(envelope, "Encrypt"),
    msgSignature: envelopeField(envelope, "MsgSignature"),
    timestamp: envelopeField(envelope, "TimeStamp"),
    nonce: envelopeField(envelope, "Nonce"),
  };
  return { xml: sandboxCrypto().decrypt(fields), nonce: fields.nonce, msgSignature: fields.msgSignature };
}

/** The last CreateTime handed out per user and button: WeChat de-duplicates events by user + CreateTime. */
const lastCreateTime = new Map<string, number>();
/** Within the smallest push window (30 s) of the signed timestamp, which the server also checks. */
const SPREAD_S = 25;

/**
 * A CLICK push built like WeChat's (§9.2): CreateTime `nowSeconds`, except that a repeated click of
 * the same user and button gets a later second than the one before (up to 25 s ahead, then from 25 s
 * before): two taps in one second would be one push to the server, as to WeChat. A counter
 * subtracted from the clock did not do this: a later call one second on landed on an earlier call's
 * CreateTime.
 */
export function clickXml(
  openid: string,
  eventKey: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const key = `${openid}\u0000${eventKey}`;
  const previous = lastCreateTime.get(key);
  let createTime = previous === undefined ? nowSeconds : Math.max(nowSeconds, previous + 1);
  if (createTime > nowSeconds + SPREAD_S) createTime = nowSeconds - SPREAD_S;
  lastCreateTime.set(key, createTime);
  return buildEventXml({
    toUserName: SANDBOX_DEFAULTS.originalId,
    fromUserName: openid,
    createTime,
    event: "CLICK",
    eventKey,
  });
}

/** Polls until `check` passes (fire-and-forget work lands a moment after the HTTP answer). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 3_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A unique 64-bit-looking MsgId / CreateTime source so runs sharing a Redis never collide. */
export function uniqueDigits(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, "0")}`;
}
