import {
  buildReplyXml,
  createNonce,
  type IncomingMessage,
  type MessageCrypto,
  MessageCryptoError,
  MessageParseError,
  parseMessageXml,
} from "@wxdesk/wechat";
import type { FastifyBaseLogger } from "fastify";
import type { Clock, EventBus } from "../../app-context.js";
import type { ReplyConfig, Store } from "../../store/store-types.js";
import { chooseReply, mayHaveReply } from "./choose-reply.js";
import { dedupKey, dedupTtlMs } from "./dedup-key.js";
import { messageEventData } from "./message-event.js";
import { createTimeProblem, queryTimeProblem, type StalePush } from "./push-freshness.js";
import type { PushQuery } from "./push-query.js";
import {
  AES_NOT_CONFIGURED,
  BAD_SIGNATURE,
  NOT_CONFIGURED,
  type PushResponse,
  SUCCESS,
  textResponse,
  xmlResponse,
} from "./push-response.js";
import { recallReply, rememberReply } from "./remembered-reply.js";
import { type BudgetResult, withinBudget } from "./time-budget.js";
import { hasValidSignature } from "./verify-url.js";

export type PushLog = Pick<FastifyBaseLogger, "debug" | "warn" | "error">;

export interface PushDeps {
  /** WXDESK_MSG_TOKEN; undefined = push not configured (503). */
  token: string | undefined;
  /** Built once from WXDESK_MSG_AES_KEY + AppID; undefined = safe mode not configured. */
  crypto: MessageCrypto | undefined;
  store: Pick<Store, "putIfAbsent" | "get" | "getReplies">;
  events: Pick<EventBus, "publish">;
  /** The app clock: replay checks and reply CreateTime (tests move it). */
  clock: Clock;
  /** How long the store may take before the answer falls back to `success` (WeChat waits 5 s, §9.3). */
  budgetMs: number;
  /** WXDESK_PUSH_MAX_SKEW_SECONDS: how far a push's signed timestamp may be from the clock. */
  maxSkewSeconds: number;
}

/**
 * What the store said about one push: whether this delivery is the first (it alone publishes the
 * activity event) and the plaintext reply XML to answer with (undefined = `success`).
 */
interface Decision {
  first: boolean;
  xml: string | undefined;
}

/** Bad input is refused with a 4xx and a short reason; WeChat never sees a 500 for what it sent. */
function rejection(error: unknown, log: PushLog): PushResponse {
  if (error instanceof MessageParseError) {
    log.warn({ reason: error.code }, "wechat push: unreadable body");
    if (error.code === "too_large") return textResponse(413, "消息体过大 / body too large");
    if (error.code === "forbidden_dtd") return textResponse(400, "不接受 DTD / DTD is not accepted");
    return textResponse(400, "XML 无法解析 / malformed XML");
  }
  if (error instanceof MessageCryptoError) {
    log.warn({ reason: error.code }, "wechat push: safe-mode check failed");
    // bad_appid: correctly signed with our token but encrypted for another account — not ours to read.
    if (error.code === "bad_signature") return BAD_SIGNATURE;
    if (error.code === "bad_appid") return textResponse(403, "AppID 不匹配 / AppID mismatch");
    return textResponse(400, "无法解密 / could not decrypt");
  }
  // Not a fault of the body (those are the typed errors above): ours, so a 5xx and an error line.
  // Error level is kept for answers ≥ 500 everywhere; a client's mistake never pages anyone.
  log.error({ err: error }, "wechat push: unexpected error while reading the body");
  return textResponse(500, "内部错误 / internal error");
}

/**
 * A correctly signed push that is too old, from the future, or whose body does not belong to its query:
 * most likely a replay. It gets `success` (WeChat must not retry it) and nothing else — no reply, no
 * event, no de-dup write. The log line says why, without the openid or any query value.
 */
function ignored(reason: StalePush, log: PushLog, skewSeconds?: number): PushResponse {
  log.warn(
    { reason, ...(skewSeconds !== undefined ? { skewSeconds } : {}) },
    "wechat push: stale or mismatched timestamp (a replay?); answered success and ignored",
  );
  return SUCCESS;
}

function publishQuietly(deps: PushDeps, message: IncomingMessage, replied: boolean, log: PushLog): void {
  // Fire and forget: the activity log must never delay or fail the answer to WeChat.
  deps.events.publish("message", messageEventData(message, replied)).catch((error: unknown) => {
    log.error({ err: error }, "wechat push: could not publish the message event");
  });
}

/** The passive reply XML (§9.3, ids swapped) for the configured reply, if there is one and it can be built. */
function buildReply(
  deps: PushDeps,
  message: IncomingMessage,
  reply: ReplyConfig | undefined,
  log: PushLog,
): string | undefined {
  if (!reply) return undefined;
  try {
    return buildReplyXml(reply, {
      toUserName: message.fromUserName,
      fromUserName: message.toUserName,
      createTime: Math.floor(deps.clock.now() / 1000),
    });
  } catch (error) {
    // A reply saved with an impossible shape (e.g. 0 or 9 news articles) must not break the push.
    log.error({ err: error }, "wechat push: configured reply could not be built; answering success");
    return undefined;
  }
}

/**
 * §9.3: WeChat re-sends a push it got no answer to within 5 s (3 attempts in total, same body), and the
 * user sees only the answer to the delivery that got through. So the reply is decided first and claimed
 * together with the de-dup key in one atomic write: the delivery that wins the claim is the first (it
 * publishes the event); every other delivery — a retry, a replay inside the window, or a second delivery
 * still in flight at the same moment — loses the claim and answers with the reply the winner stored.
 * Nobody waits on anybody: deliveries racing each other each decide, and the store keeps one decision.
 */
async function decide(deps: PushDeps, message: IncomingMessage, log: PushLog): Promise<Decision> {
  const xml = mayHaveReply(message)
    ? buildReply(deps, message, chooseReply(message, await deps.store.getReplies()), log)
    : undefined;
  const key = dedupKey(message);
  if (await deps.store.putIfAbsent(key, rememberReply(xml), dedupTtlMs(deps.maxSkewSeconds))) {
    return { first: true, xml };
  }
  return { first: false, xml: recallReply(await deps.store.get(key)) };
}

/** The answer body: the reply XML as is, or in safe mode sealed into a fresh §9.4 envelope. */
function answer(deps: PushDeps, xml: string | undefined, crypto: MessageCrypto | undefined): PushResponse {
  if (xml === undefined) return SUCCESS;
  if (!crypto) return xmlResponse(xml);
  // A new nonce and timestamp per answer, so a retry's envelope (and its MsgSignature) is its own.
  const timestamp = String(Math.floor(deps.clock.now() / 1000));
  return xmlResponse(crypto.encrypt(xml, { timestamp, nonce: createNonce(16) }).envelope);
}

/** Reads, authenticates and (in safe mode) decrypts a push; a PushResponse when it must be refused. */
function readMessage(
  deps: PushDeps,
  token: string,
  query: PushQuery,
  body: unknown,
  log: PushLog,
): { message: IncomingMessage; crypto: MessageCrypto | undefined } | PushResponse {
  // The plain signature is on every push, safe mode included (§9.2, §9.4): checked before any parsing.
  if (!hasValidSignature(token, query)) {
    log.warn({ reason: "bad_signature" }, "wechat push: signature mismatch");
    return BAD_SIGNATURE;
  }
  // Next the signed timestamp, before any decryption or store work is spent on a replay.
  const timestamp = query.timestamp ?? "";
  const stale = queryTimeProblem(timestamp, deps.clock.now(), deps.maxSkewSeconds);
  if (stale) return ignored(stale.problem, log, stale.skewSeconds);
  const safeMode = query.encrypt_type === "aes";
  if (safeMode && !deps.crypto) return AES_NOT_CONFIGURED;
  const text = typeof body === "string" ? body : "";
  let message: IncomingMessage;
  try {
    // Compatible mode sends plaintext fields beside <Encrypt>; only the encrypted, signed part is trusted.
    const xml = safeMode && deps.crypto ? deps.crypto.decryptEnvelope(text, query) : text;
    message = parseMessageXml(xml);
  } catch (error) {
    return rejection(error, log);
  }
  const mismatch = createTimeProblem(message.createTime, timestamp, deps.maxSkewSeconds);
  if (mismatch) return ignored(mismatch, log);
  return { message, crypto: safeMode ? deps.crypto : undefined };
}

/** `POST /wechat` (§9.2–9.4). Never throws; always answers within `deps.budgetMs` plus parsing time. */
export async function handlePush(
  deps: PushDeps,
  query: PushQuery,
  body: unknown,
  log: PushLog,
): Promise<PushResponse> {
  if (deps.token === undefined) return NOT_CONFIGURED;
  const read = readMessage(deps, deps.token, query, body, log);
  if ("status" in read) return read;
  const { message, crypto } = read;

  const work = decide(deps, message, log);
  let outcome: BudgetResult<Decision>;
  try {
    outcome = await withinBudget(work, deps.budgetMs);
  } catch (error) {
    log.error({ err: error }, "wechat push: store failed; answering success");
    return SUCCESS;
  }
  if (!outcome.done) {
    log.warn({ budgetMs: deps.budgetMs }, "wechat push: store too slow; answered success");
    // The work goes on; once it is known to be the first delivery, the message still reaches the activity
    // log, and a retry finds the reply it stored.
    work.then(
      (late) => {
        if (late.first) publishQuietly(deps, message, false, log);
      },
      (error: unknown) => log.error({ err: error }, "wechat push: store failed after the answer"),
    );
    return SUCCESS;
  }
  const { first, xml } = outcome.value;
  let response = SUCCESS;
  try {
    response = answer(deps, xml, crypto);
  } catch (error) {
    log.error({ err: error }, "wechat push: reply could not be sealed; answering success");
  }
  if (first) publishQuietly(deps, message, response !== SUCCESS, log);
  else log.debug({ replied: response !== SUCCESS }, "wechat push: repeated delivery given the first reply");
  return response;
}
