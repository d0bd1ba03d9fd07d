import { StoreUnavailableError } from "./store-errors.js";

/**
 * Replies of a Redis that is up but cannot serve: loading its data, out of memory, a read-only
 * replica, a stuck script, failing to save (MISCONF refuses writes), or refusing our credentials.
 * Other replies (WRONGTYPE, a script error) are bugs and stay as they are.
 */
const REPLY_FAULTS: ReadonlySet<string> = new Set([
  "LOADING",
  "MISCONF",
  "READONLY",
  "BUSY",
  "MASTERDOWN",
  "NOREPLICAS",
  "TRYAGAIN",
  "CLUSTERDOWN",
  "OOM",
  "NOAUTH",
  "WRONGPASS",
  "NOPERM",
]);

/** Socket errors: the connection could not be made or broke. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What ioredis (6) says when it gives up on a command: its own words, matched exactly. */
const CLIENT_MESSAGES: ReadonlyMap<string, string> = new Map([
  ["Command timed out", "command timed out"],
  ["Connection is closed.", "connection closed"],
  ["Stream isn't writeable and enableOfflineQueue options is false", "not connected"],
]);

function reasonOf(error: Error): string | undefined {
  // A failed (re)connect attempt rejects the commands that were waiting for it (maxRetriesPerRequest).
  if (error.name === "MaxRetriesPerRequestError") return "not connected";
  const client = CLIENT_MESSAGES.get(error.message);
  if (client) return client;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  if (error.name !== "ReplyError") return undefined;
  const word = error.message.split(" ", 1)[0] ?? "";
  if (REPLY_FAULTS.has(word)) return word;
  // A MULTI whose queued commands were refused (e.g. OOM) fails as one EXECABORT: judge the causes.
  const previous = (error as { previousErrors?: unknown }).previousErrors;
  if (word === "EXECABORT" && Array.isArray(previous)) {
    for (const cause of previous) {
      const reason = cause instanceof Error ? reasonOf(cause) : undefined;
      if (reason) return reason;
    }
  }
  return undefined;
}

/** An ioredis error that means "Redis cannot serve now", as `StoreUnavailableError`; else undefined. */
export function redisFault(error: unknown): StoreUnavailableError | undefined {
  if (!(error instanceof Error)) return undefined;
  const reason = reasonOf(error);
  return reason === undefined ? undefined : new StoreUnavailableError("redis", reason, error);
}
