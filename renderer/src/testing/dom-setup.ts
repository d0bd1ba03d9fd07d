import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { uninstallDesk } from "./install-memory-desk.js";

/**
 * Import first in every component test (after `// @vitest-environment happy-dom`): tells React this is
 * a test environment (act() warnings off) and unmounts + forgets the memory desk after each test, since
 * Vitest globals (which Testing Library would hook into) are off in this repo.
 */
declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  cleanup();
  uninstallDesk();
});
