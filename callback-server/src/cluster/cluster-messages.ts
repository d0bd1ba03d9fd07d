/**
 * What the primary and its workers say to each other over cluster IPC. Every message carries
 * `wxdesk` so nothing else sent on the channel (Node's own cluster messages have `cmd`) is taken
 * for one of them.
 */
export type ClusterMessage =
  /** A worker listens and has its signal handlers in place. */
  | { wxdesk: "ready" }
  /** An event a worker published: the primary hands it to every other worker (SQLite has no pub/sub). */
  | { wxdesk: "event"; payload: unknown };

export function isClusterMessage(message: unknown): message is ClusterMessage {
  if (typeof message !== "object" || message === null) return false;
  const kind = (message as { wxdesk?: unknown }).wxdesk;
  return kind === "ready" || kind === "event";
}
