import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { Clock, EventBus, ServerEventType } from "../app-context.js";
import type { EventInput, Store, StoredEvent } from "../store/store-types.js";
import { scrubEventData } from "./event-data.js";

export interface EventBusOptions {
  store: Store;
  clock: Clock;
  /** With Redis, events fan out to every instance over this server's pub/sub channel. */
  redisUrl?: string | undefined;
  /** Channel is `<prefix>events:live`; same prefix as the store's keys. */
  redisKeyPrefix?: string | undefined;
  /**
   * Without Redis, the other processes of this server on the same machine (WXDESK_WORKERS > 1):
   * events go to them through the cluster primary. Ignored when `redisUrl` is set.
   */
  relay?: EventRelay | undefined;
  /** Reports listener or pub/sub failures (never event payloads). */
  onError?: (error: unknown) => void;
}

/** Carries this process's events to its sibling processes and theirs back (cluster IPC). */
export interface EventRelay {
  send(payload: unknown): void;
  /** Returns the way to stop listening. */
  onMessage(listener: (payload: unknown) => void): () => void;
}

export interface ClosableEventBus extends EventBus {
  /** This process's id; messages it published itself are not delivered twice. */
  readonly instanceId: string;
  close(): Promise<void>;
}

interface Envelope {
  from: string;
  event: StoredEvent;
}

/**
 * `publish` persists (`store.appendEvent`, which also feeds the stats counters) and then delivers
 * to local subscribers at once. With Redis it also PUBLISHes the stored event; every other
 * instance's subscriber connection receives it and delivers it to its own SSE clients, so a desk
 * connected to any instance sees events from all of them.
 */
export async function createEventBus(options: EventBusOptions): Promise<ClosableEventBus> {
  const instanceId = randomUUID();
  const listeners = new Set<(event: StoredEvent) => void>();
  const onError = options.onError ?? (() => {});
  const channel = `${options.redisKeyPrefix ?? "wxdesk:"}events:live`;

  const deliver = (event: StoredEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken SSE client must not stop the others (or the publisher).
        onError(error);
      }
    }
  };

  const receive = (envelope: Envelope) => {
    if (envelope.from !== instanceId) deliver(envelope.event);
  };

  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  let relay: EventRelay | undefined;
  let stopRelay: (() => void) | undefined;
  if (!options.redisUrl && options.relay) {
    relay = options.relay;
    stopRelay = relay.onMessage((payload) => {
      try {
        receive(payload as Envelope);
      } catch (error) {
        onError(error);
      }
    });
  }
  if (options.redisUrl) {
    // Loaded here: a server on SQLite never loads ioredis.
    const { openRedis } = await import("../store/redis-connection.js");
    // The store's fail-fast settings: a publish never holds up the request that made the event.
    publisher = openRedis(options.redisUrl, onError);
    // A subscribed connection can run no other command: it needs its own.
    const listener = openRedis(options.redisUrl, onError);
    subscriber = listener;
    listener.on("message", (from: string, text: string) => {
      if (from !== channel) return;
      try {
        receive(JSON.parse(text) as Envelope);
      } catch (error) {
        onError(error);
      }
    });
    // Redis may be down when the server starts (a reboot, an outage): the server starts anyway, its
    // routes answer 503 until Redis is back, and the subscription is made once the connection is
    // ready. After one succeeded, ioredis itself resubscribes on every reconnect.
    let subscribed = false;
    let subscribing: Promise<void> | undefined;
    const subscribe = (): Promise<void> => {
      subscribing ??= listener
        .subscribe(channel)
        .then(() => {
          subscribed = true;
        }, onError)
        .finally(() => {
          subscribing = undefined;
        });
      return subscribing;
    };
    listener.on("ready", () => {
      if (!subscribed) void subscribe();
    });
    await subscribe();
  }

  return {
    instanceId,
    async publish(
      type: ServerEventType,
      data: Record<string, unknown>,
      persist?: (event: EventInput) => Promise<StoredEvent>,
    ): Promise<StoredEvent> {
      const event: EventInput = { type, at: options.clock.now(), data: scrubEventData(data) };
      const stored = await (persist ? persist(event) : options.store.appendEvent(event));
      deliver(stored);
      if (relay) relay.send({ from: instanceId, event: stored } satisfies Envelope);
      if (publisher) {
        const envelope: Envelope = { from: instanceId, event: stored };
        // Best effort: the event is persisted; a reconnecting client catches up with afterId.
        await publisher.publish(channel, JSON.stringify(envelope)).catch(onError);
      }
      return stored;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      listeners.clear();
      stopRelay?.();
      await Promise.all([subscriber?.quit().catch(() => {}), publisher?.quit().catch(() => {})]);
    },
  };
}
