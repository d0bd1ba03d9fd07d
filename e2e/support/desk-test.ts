import { test as base } from "@playwright/test";
import { chooseBrowser } from "./browser.js";
import { type DeskBridge, startDeskBridge } from "./desk-bridge.js";
import { DESK_VIEWPORT } from "./desk-page.js";

/**
 * Playwright's `test` with `desk`: a fresh desk app (DeskApi + local sandbox + web bridge, fresh data
 * folder, known local keys) per test, closed after it. Desk-sized window.
 */
export const test = base.extend<{ desk: DeskBridge }>({
  viewport: DESK_VIEWPORT,
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  desk: async ({}, use) => {
    const desk = await startDeskBridge();
    try {
      await use(desk);
    } finally {
      await desk.close();
    }
  },
});

export { expect } from "@playwright/test";

/** Call at the top of a desk spec file. */
export function skipWithoutBrowser(): void {
  test.skip(chooseBrowser().missingReason !== undefined, "no browser on this machine");
}
