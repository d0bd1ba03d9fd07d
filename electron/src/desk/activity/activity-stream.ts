import { SERVER_EVENT_TYPES } from "@wxdesk/callback-server";
import { EventSource, type FetchLike } from "eventsource";
import type { ActivityEvent, ActivityStatus, DeskError } from "../../desk-api.js";
import { toWireError } from "../../shared/desk-error-wire.js";
import type { AdminClient } from "../admin/admin-client.js";
import { serverError } from "../admin/admin-errors.js";
import { recentEventsShape, storedEventShape } from "../admin/admin-shapes.js";
import { DeskApiError } from "../desk-api-error.js";

const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export interface ActivityStreamOptions {
  /** The active profile's admin client; rejects (no key, sandbox stopped) when there is none. */
  client: () => Promise<AdminClient>;
  backoffStartMs?: number;
}

function disconnected(): DeskError {
  return new DeskApiError(
    "network",
    "The live activity stream was interrupted; reconnecting…",
    "实时动态连接中断，正在重新连接……",
  ).toJSON();
}

/**
 * The active profile's live events (`GET /admin/api/events`), fanned out to every subscriber.
 * It starts from the newest stored event id, resumes with `Last-Event-ID` after a drop (the server
 * replays what was missed), reconnects with exponential backoff, and starts over when the active
 * profile changes (`retarget`). No event is delivered twice (ids only grow).
 */
export class ActivityStream {
  private readonly listeners = new Set<(event: ActivityEvent) => void>();
  private source: EventSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private lastId: number | undefined;
  private connected = false;
  private error: DeskError | undefined;
  private failures = 0;
  private settling: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: ActivityStreamOptions) {}

  subscribe(listener: (event: ActivityEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Waits for the current attempt to learn where to start, then reports. */
  async status(): Promise<ActivityStatus> {
    await this.settling;
    return this.connected
      ? { connected: true }
      : { connected: false, ...(this.error ? { error: this.error } : {}) };
  }

  /** The active profile (or its address/key) changed: start over against it. */
  retarget(): void {
    if (this.closed) return;
    this.teardown();
    this.lastId = undefined;
    this.failures = 0;
    this.error = undefined;
    this.settling = this.connect(this.generation);
  }

  close(): void {
    this.closed = true;
    this.teardown();
    this.listeners.clear();
  }

  private teardown(): void {
    this.generation++;
    this.source?.close();
    this.source = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.connected = false;
  }

  private current(generation: number): boolean {
    return !this.closed && generation === this.generation;
  }

  private async connect(generation: number): Promise<void> {
    let client: AdminClient;
    try {
      client = await this.options.client();
    } catch (error) {
      // No key / sandbox stopped: nothing to retry until the profile changes (retarget).
      if (this.current(generation)) this.error = toWireError(error);
      return;
    }
    if (this.lastId === undefined) {
      try {
        const recent = await client.request(
          { path: "events/recent", query: { limit: 1 } },
          recentEventsShape,
        );
        if (!this.current(generation)) return;
        this.lastId = recent.events.at(-1)?.id ?? 0;
      } catch (error) {
        if (!this.current(generation)) return;
        this.fail(generation, toWireError(error));
        return;
      }
    }
    this.open(client, generation);
  }

  private open(client: AdminClient, generation: number): void {
    let refusal: DeskError | undefined;
    // eventsource lets us bring our own fetch: it adds the key and where to resume, and reads the
    // server's error body when the stream is refused (401/403 say why in words).
    const fetchWithKey: FetchLike = async (url, init) => {
      const headers: Record<string, string> = { ...init.headers, Authorization: client.authorization() };
      if (this.lastId !== undefined) headers["Last-Event-ID"] = String(this.lastId);
      const response = await fetch(url, { ...init, headers, redirect: "manual" });
      if (response.status !== 200) {
        const body: unknown = await response.json().catch(() => undefined);
        refusal = serverError(
          response.status,
          body,
          "GET /admin/api/events",
          response.headers.get("retry-after"),
        ).toJSON();
      }
      return response;
    };
    const source = new EventSource(client.url("events"), { fetch: fetchWithKey });
    this.source = source;
    source.onopen = () => {
      if (!this.current(generation)) return;
      this.connected = true;
      this.error = undefined;
      this.failures = 0;
    };
    source.onerror = () => {
      if (!this.current(generation)) return;
      source.close();
      this.fail(generation, refusal ?? disconnected());
    };
    const deliver = (message: MessageEvent) => this.deliver(generation, message);
    // docs/admin-api.md "Events": each SSE message is named by its type, so each needs its own listener.
    for (const type of SERVER_EVENT_TYPES) source.addEventListener(type, deliver);
  }

  private deliver(generation: number, message: MessageEvent): void {
    if (!this.current(generation)) return;
    let parsed: ReturnType<typeof storedEventShape.safeParse>;
    try {
      parsed = storedEventShape.safeParse(JSON.parse(String(message.data)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const event: ActivityEvent = parsed.data;
    if (this.lastId !== undefined && event.id <= this.lastId) return;
    this.lastId = event.id;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One subscriber's bug must not starve the others.
      }
    }
  }

  private fail(generation: number, error: DeskError): void {
    this.connected = false;
    this.error = error;
    this.source = undefined;
    const start = this.options.backoffStartMs ?? BACKOFF_START_MS;
    const delay = Math.min(BACKOFF_MAX_MS, start * 2 ** this.failures);
    this.failures++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.current(generation)) this.settling = this.connect(generation);
    }, delay);
    this.timer.unref();
  }
}
