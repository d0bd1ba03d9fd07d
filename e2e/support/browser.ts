import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Debian's Chromium, the browser CI installs; Playwright's own build is the fallback. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** Flags that keep Chromium from reaching for Google's hosts on a machine without internet. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface BrowserChoice {
  executablePath: string | undefined;
  /** Why browser tests cannot run here; undefined when a browser is available. */
  missingReason: string | undefined;
}

export function chooseBrowser(): BrowserChoice {
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, missingReason: undefined };
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { executablePath: undefined, missingReason: undefined };
  const reason =
    "no browser: install Debian's chromium (apt-get install chromium fonts-noto-cjk) or run `npx playwright install chromium`";
  if (process.env.CI === "true") throw new Error(`browser tests need a browser under CI=true — ${reason}`);
  console.warn(`[e2e] skipping browser tests: ${reason}`);
  return { executablePath: undefined, missingReason: reason };
}
