/**
 * The web bridge's wire contract, shared by the server (start-web-bridge.ts) and the page script
 * (bridge-client.ts): loopback HTTP for calls, server-sent events for live activity.
 */
export const BRIDGE_PATHS = {
  /** POST `{ method, args }` → `CallOutcome` */
  call: "/api/call",
  /** GET, text/event-stream: one `activity` event per ActivityEvent */
  events: "/api/events",
  /** The page script that defines `window.wxdesk`; injected into the served index.html. */
  script: "/bridge.js",
} as const;

/** The SSE event name carrying an ActivityEvent as JSON. */
export const ACTIVITY_EVENT_NAME = "activity";

/**
 * Every state-changing request must carry this header. A cross-site page can only add a custom header
 * through a CORS preflight, which the bridge never approves — so a forged form or `fetch` from another
 * site cannot call the API even if the browser were to attach the cookie.
 */
export const REQUEST_HEADER = "x-wxdesk-bridge";
export const REQUEST_HEADER_VALUE = "1";

/** The tag the bridge puts first in `<head>`, so `window.wxdesk` exists before the app's module runs. */
export const SCRIPT_TAG = `<script src="${BRIDGE_PATHS.script}"></script>`;
