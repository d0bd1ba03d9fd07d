import type { DeskApi, DeskError } from "@wxdesk/electron/desk-api";

/**
 * The one door to everything that does I/O. Electron's preload (contextBridge) or the web bridge's
 * `/bridge.js` defines `window.wxdesk`; the renderer never does I/O itself and never sees a secret.
 * Tests install a memory DeskApi on `globalThis.wxdesk` (src/testing/), app code never does.
 */
declare global {
  // `var` is how a global property is declared for both `window` and `globalThis`.
  var wxdesk: DeskApi | undefined;
}

/** The bridge, or undefined when the page was opened outside the app (no preload, no web bridge). */
export function findDesk(): DeskApi | undefined {
  return globalThis.wxdesk;
}

/** The bridge; only call after `findDesk()` succeeded at start-up (main.tsx shows a screen otherwise). */
export function desk(): DeskApi {
  const api = globalThis.wxdesk;
  if (!api) throw new Error("window.wxdesk is missing: the page was opened outside the wxdesk app");
  return api;
}

function isDeskError(value: unknown): value is DeskError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string" && typeof v.messageZh === "string";
}

/**
 * Whatever a DeskApi call rejected with, as a DeskError. Both transports reject with DeskError-shaped
 * objects; anything else (a bug, a dropped bridge) becomes `unexpected` with a plain message.
 */
export function toDeskError(error: unknown): DeskError {
  if (isDeskError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: "unexpected",
    message: `Something went wrong: ${detail}`,
    messageZh: `出了点问题：${detail}`,
  };
}

/** A DeskError's message in both languages, for toasts and banners. */
export function errorText(error: DeskError): { zh: string; en: string } {
  return { zh: error.messageZh, en: error.message };
}
