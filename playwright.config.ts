import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chooseBrowser } from "./e2e/support/browser.js";

const browser = chooseBrowser();
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 7191);

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  // Builds the renderer once into a temp folder for the desk specs (e2e/support/global-setup.ts).
  globalSetup: "./e2e/support/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env.CI === "true",
  retries: 0,
  reporter: [["list"]],
  // Desk specs start a DeskApi with its local sandbox per test on a shared 2-core machine: be generous.
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "off",
  },
  // The phone-sized sandbox-consent spec talks to a standalone sandbox; the desk specs start their own
  // (e2e/support/desk-bridge.ts) and do not need this one.
  webServer: {
    command: "npx tsx sandbox/src/main.ts",
    env: { SANDBOX_PORT: String(E2E_SANDBOX_PORT), SANDBOX_SEED: "e2e" },
    url: `http://127.0.0.1:${E2E_SANDBOX_PORT}/_sandbox/users`,
    reuseExistingServer: process.env.CI !== "true",
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
