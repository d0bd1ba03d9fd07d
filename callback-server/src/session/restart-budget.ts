import type { Store } from "../store/store-types.js";

/**
 * Automatic restarts of one journey (carried in its state records as `attempt`). Why 3: see
 * routes/oauth/README.md, "Automatic restart" (with 20 % failing exchanges, 3 leave 0.16 %).
 */
export const MAX_AUTO_RESTARTS = 3;
/**
 * Automatic restarts one browser may get within RESTART_WINDOW_MS, over all its journeys: twice
 * what one journey may use, so a person who taps 「重新进入」 once still gets the silent help, and
 * a browser that keeps failing gets the readable page instead of a loop.
 */
export const BROWSER_RESTART_BUDGET = 2 * MAX_AUTO_RESTARTS;
export const RESTART_WINDOW_MS = 10 * 60_000;
const PREFIX = "oauth:restart:";

/**
 * Takes one automatic restart from the budget of the browser whose binding hashes to `browser`;
 * false when it is spent. The budget is BROWSER_RESTART_BUDGET slot keys, each claimed with
 * `putIfAbsent` (atomic in SQLite and in Redis: two tabs cannot overdraw it) and expiring
 * RESTART_WINDOW_MS after its claim. A completed sign-in clears the binding cookie, so the
 * browser's next journey starts with a whole budget.
 */
export async function takeRestart(store: Store, browser: string): Promise<boolean> {
  for (let slot = 0; slot < BROWSER_RESTART_BUDGET; slot++) {
    if (await store.putIfAbsent(`${PREFIX}${browser}:${slot}`, "1", RESTART_WINDOW_MS)) return true;
  }
  return false;
}
