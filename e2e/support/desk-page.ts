import { expect, type Page } from "@playwright/test";
import { appMessages } from "../../renderer/src/app/app-messages.js";
import { NAV_LABELS } from "../../renderer/src/app/nav-labels.js";
import type { ScreenId } from "../../renderer/src/app/nav-store.js";
import type { Lang } from "../../renderer/src/i18n/define-messages.js";
import type { DeskBridge } from "./desk-bridge.js";

export type { Lang } from "../../renderer/src/i18n/define-messages.js";
export const LANGS: readonly Lang[] = ["zh-CN", "en"];

/** The desk app's window size: the screenshots and the layout checks are taken at it. */
export const DESK_VIEWPORT = { width: 1280, height: 800 };

export type { ScreenId } from "../../renderer/src/app/nav-store.js";

/**
 * Opens the app through the bridge's entry link (it sets the session cookie and redirects to `/`) and,
 * for English, switches the language with the top bar's switch — the way a user does it.
 */
export async function openDesk(page: Page, desk: DeskBridge, lang: Lang = "zh-CN"): Promise<void> {
  await page.goto(desk.bridge.url);
  await expect(page.getByRole("navigation", { name: appMessages["zh-CN"].mainNavLabel })).toBeVisible();
  if (lang === "en") await switchLanguage(page, "en");
}

/** Clicks the language's own name in the top bar and waits for the navigation to speak it. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page
    .getByRole("banner")
    .getByRole("button", { name: lang === "en" ? "English" : "中文", exact: true })
    .click();
  await expect(page.getByRole("navigation", { name: appMessages[lang].mainNavLabel })).toBeVisible();
}

/** Moves to a screen with the left navigation (a client-side switch, never a page load). */
export async function goTo(page: Page, lang: Lang, screen: ScreenId): Promise<void> {
  const label = appMessages[lang][NAV_LABELS[screen]];
  await page
    .getByRole("navigation", { name: appMessages[lang].mainNavLabel })
    .getByRole("button", { name: label, exact: true })
    .click();
  await expect(page.getByRole("main", { name: label })).toBeVisible();
}

/**
 * Marks the current document; `expectSameDocument` then proves no reload happened in between (a reload
 * or a navigation makes a new window object and the mark is gone).
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eMark?: string }).__e2eMark = "still-here";
  });
}

export async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __e2eMark?: string }).__e2eMark)).toBe(
    "still-here",
  );
}

/** Nothing on the page is wider than the window (no sideways scrolling at the desk size). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()?.width ?? DESK_VIEWPORT.width);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
