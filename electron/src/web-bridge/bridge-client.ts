/**
 * The page side of the web bridge, served as /bridge.js (bundled by bridge-script.ts) and run in the
 * browser before the app: it defines `window.wxdesk` over fetch + one EventSource. In Electron the
 * preload defines `window.wxdesk` instead and this script is never served.
 */
import type { ActivityEvent } from "../desk-api.js";
import { buildDeskApi } from "../shared/build-desk-api.js";
import { type CallOutcome, transportError } from "../shared/desk-error-wire.js";
import {
  ACTIVITY_EVENT_NAME,
  BRIDGE_PATHS,
  REQUEST_HEADER,
  REQUEST_HEADER_VALUE,
} from "./bridge-protocol.js";

type Listener = (event: ActivityEvent) => void;

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

async function call(method: string, args: unknown[]): Promise<unknown> {
  let outcome: CallOutcome;
  try {
    const response = await fetch(BRIDGE_PATHS.call, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", [REQUEST_HEADER]: REQUEST_HEADER_VALUE },
      body: JSON.stringify({ method, args }),
    });
    outcome = (await response.json()) as CallOutcome;
  } catch {
    throw transportError("bridge_unreachable");
  }
  if (outcome.ok) return outcome.result;
  // A plain DeskError object — exactly what the Electron preload rejects with.
  throw outcome.error;
}

const listeners = new Set<{ listener: Listener }>();
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = FIRST_RETRY_MS;

function openStream(): void {
  const stream = new EventSource(BRIDGE_PATHS.events);
  source = stream;
  stream.addEventListener("open", () => {
    retryDelay = FIRST_RETRY_MS;
  });
  stream.addEventListener(ACTIVITY_EVENT_NAME, (message) => {
    let event: ActivityEvent;
    try {
      event = JSON.parse((message as MessageEvent<string>).data) as ActivityEvent;
    } catch {
      return;
    }
    for (const { listener } of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  });
  stream.addEventListener("error", () => {
    // EventSource reconnects by itself after a dropped connection; after an HTTP error (the bridge was
    // restarted, a 401) it gives up for good (CLOSED) — then reopen it ourselves, backing off.
    if (stream.readyState !== EventSource.CLOSED || source !== stream) return;
    source = null;
    scheduleReopen();
  });
}

function scheduleReopen(): void {
  if (listeners.size === 0 || retryTimer !== undefined) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (listeners.size > 0 && source === null) openStream();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
}

function closeStream(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  retryDelay = FIRST_RETRY_MS;
}

const api = buildDeskApi({
  call,
  subscribe(listener) {
    const entry = { listener };
    listeners.add(entry);
    if (source === null && retryTimer === undefined) openStream();
    return () => {
      if (listeners.delete(entry) && listeners.size === 0) closeStream();
    };
  },
});

Object.defineProperty(window, "wxdesk", {
  value: api,
  enumerable: true,
  configurable: false,
  writable: false,
});
