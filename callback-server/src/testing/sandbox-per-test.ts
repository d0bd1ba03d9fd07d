import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterEach, beforeEach } from "vitest";
import { tempDir } from "./test-server.js";

export interface SandboxPerTest {
  readonly sandbox: StartedSandbox;
  readonly dir: { path: string; remove(): void };
  /** Runs after the test, last added first (servers before contexts before the sandbox). */
  cleanup(step: () => Promise<void> | void): void;
}

/** Registers beforeEach/afterEach: every test gets a fresh sandbox and temp folder, torn down after it. */
export function sandboxPerTest(prefix?: string): SandboxPerTest {
  let sandbox: StartedSandbox | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  const steps: Array<() => Promise<void> | void> = [];
  beforeEach(async () => {
    sandbox = await startSandbox();
    dir = tempDir(prefix);
  });
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
    await sandbox?.close();
    dir?.remove();
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error("sandboxPerTest: used outside a test");
      return sandbox;
    },
    get dir() {
      if (!dir) throw new Error("sandboxPerTest: used outside a test");
      return dir;
    },
    cleanup: (step) => {
      steps.push(step);
    },
  };
}
