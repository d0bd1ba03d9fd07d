import type { EventRelay } from "../context/event-bus.js";
import { isClusterMessage } from "./cluster-messages.js";

/**
 * A worker's side of the event relay: its events go up to the primary, which passes them to the
 * other workers; theirs come back down. Used on SQLite only (with Redis, pub/sub does this).
 */
export function workerEventRelay(proc: NodeJS.Process = process): EventRelay {
  return {
    send(payload) {
      // A worker whose primary is gone is shutting down: its own clients still got the event.
      if (proc.connected) proc.send?.({ wxdesk: "event", payload });
    },
    onMessage(listener) {
      const handler = (message: unknown) => {
        if (isClusterMessage(message) && message.wxdesk === "event") listener(message.payload);
      };
      proc.on("message", handler);
      return () => {
        proc.off("message", handler);
      };
    },
  };
}

/** Tells the primary this worker listens (after its started line and signal handlers). */
export function tellPrimaryReady(proc: NodeJS.Process = process): void {
  if (proc.connected) proc.send?.({ wxdesk: "ready" });
}
