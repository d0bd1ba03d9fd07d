import { type Browser, type BrowserContext, chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chooseBrowser } from "../../e2e/support/browser.js";
import type { DeskBridge } from "../../e2e/support/desk-bridge.js";
import { buildRenderer, type RendererBuild } from "../../e2e/support/renderer-build.js";
import { bridgeCookieName } from "../../electron/src/web-bridge/bridge-token.js";
import { scratchDir } from "./scratch-dir.js";

/** The desk app's window size. */
export const DESK_VIEWPORT = { width: 1280, height: 800 };

let built: Promise<RendererBuild> | undefined;

/** One production build of renderer/ per bench run, in a temp folder (shared by the desktop suites). */
export function rendererBuild(): Promise<RendererBuild> {
  built ??= buildRenderer(scratchDir("wxdesk-bench-renderer-").path).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** Headless Chromium as the e2e tests run it (Debian's, else Playwright's); throws when there is none. */
export async function launchChromium(): Promise<Browser> {
  const choice = chooseBrowser();
  if (choice.missingReason) throw new Error(choice.missingReason);
  return await chromium.launch({ executablePath: choice.executablePath, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context (no HTTP cache, no code cache: a cold load) already holding the bridge's
 * session cookie, so a navigation to the bridge's `/` is the app itself and nothing else.
 */
export async function coldContext(browser: Browser, desk: DeskBridge): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESK_VIEWPORT, locale: "zh-CN" });
  await context.addCookies([
    {
      name: bridgeCookieName(desk.bridge.port),
      value: desk.bridge.token,
      url: desk.bridge.origin,
      httpOnly: true,
      sameSite: "Strict",
    },
  ]);
  return context;
}

/** Median of a list (mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
