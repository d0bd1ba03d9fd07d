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
import { DEDUP_TTL_MS, dedupKey } from "./dedup-key.js";
import { messageEventData } from "./message-event.js";
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
import { type BudgetResult, withinBudget } from "./time-budget.js";
import { hasValidSignature } from "./verify-url.js";

export type PushLog = Pick<FastifyBaseLogger, "debug" | "warn" | "error">;

export interface PushDeps {
  /** WXDESK_MSG_TOKEN; undefined = push not configured (503). */
  token: string | undefined;
  /** Built once from WXDESK_MSG_AES_KEY + AppID; undefined = safe mode not configured. */
  crypto: MessageCrypto | undefined;
  store: Pick<Store, "putIfAbsent" | "getReplies">;
  events: Pick<EventBus, "publish">;
  clock: Clock;
  /** How long the store may take before the answer falls back to `success` (WeChat waits 5 s, §9.3). */
  budgetMs: number;
}

/** What the store said about one push: seen before, or new with the reply to send (if any). */
type Decision = { duplicate: true } | { duplicate: false; reply: ReplyConfig | undefined };

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

function publishQuietly(deps: PushDeps, message: IncomingMessage, replied: boolean, log: PushLog): void {
  // Fire and forget: the activity log must never delay or fail the answer to WeChat.
  deps.events.publish("message", messageEventData(message, replied)).catch((error: unknown) => {
    log.error({ err: error }, "wechat push: could not publish the message event");
  });
}

async function decide(deps: PushDeps, message: IncomingMessage): Promise<Decision> {
  // §9.3: WeChat retries a push it got no answer to, up to 3 attempts in total, with the same body.
  // The first attempt claims the key; a retry (or a replay) finds it taken and is answered `success`.
  const first = await deps.store.putIfAbsent(dedupKey(message), "1", DEDUP_TTL_MS);
  if (!first) return { duplicate: true };
  if (!mayHaveReply(message)) return { duplicate: false, reply: undefined };
  return { duplicate: false, reply: chooseReply(message, await deps.store.getReplies()) };
}

/** The passive reply body (§9.3, ids swapped), encrypted into the §9.4 envelope in safe mode. */
function replyBody(
  deps: PushDeps,
  message: IncomingMessage,
  reply: ReplyConfig,
  crypto: MessageCrypto | undefined,
): string {
  const createTime = Math.floor(deps.clock.now() / 1000);
  const xml = buildReplyXml(reply, {
    toUserName: message.fromUserName,
    fromUserName: message.toUserName,
    createTime,
  });
  if (!crypto) return xml;
  return crypto.encrypt(xml, { timestamp: String(createTime), nonce: createNonce(16) }).envelope;
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
  const safeMode = query.encrypt_type === "aes";
  if (safeMode && !deps.crypto) return AES_NOT_CONFIGURED;
  const text = typeof body === "string" ? body : "";
  try {
    // Compatible mode sends plaintext fields beside <Encrypt>; only the encrypted, signed part is trusted.
    const xml = safeMode && deps.crypto ? deps.crypto.decryptEnvelope(text, query) : text;
    return { message: parseMessageXml(xml), crypto: safeMode ? deps.crypto : undefined };
  } catch (error) {
    return rejection(error, log);
  }
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

  const work = decide(deps, message);
  let outcome: BudgetResult<Decision>;
  try {
    outcome = await withinBudget(work, deps.budgetMs);
  } catch (error) {
    log.error({ err: error }, "wechat push: store failed; answering success");
    return SUCCESS;
  }
  if (!outcome.done) {
    log.warn({ budgetMs: deps.budgetMs }, "wechat push: store too slow; answered success");
    // The work goes on; once it is known not to be a duplicate, the message still reaches the activity log.
    work.then(
      (late) => {
        if (!late.duplicate) publishQuietly(deps, message, false, log);
      },
      (error: unknown) => log.error({ err: error }, "wechat push: store failed after the answer"),
    );
    return SUCCESS;
  }
  const decision = outcome.value;
  if (decision.duplicate) {
    log.debug({ key: dedupKey(message) }, "wechat push: duplicate answered success");
    return SUCCESS;
  }
  let response = SUCCESS;
  if (decision.reply) {
    try {
      response = xmlResponse(replyBody(deps, message, decision.reply, crypto));
    } catch (error) {
      // A reply saved with an impossible shape (e.g. 0 or 9 news articles) must not break the push.
      log.error({ err: error }, "wechat push: configured reply could not be built; answering success");
    }
  }
  publishQuietly(deps, message, response !== SUCCESS, log);
  return response;
}
