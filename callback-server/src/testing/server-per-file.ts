import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll } from "vitest";
import type { AppContext } from "../app-context.js";
import type { ServerConfig } from "../config/server-config.js";
import { createAppContext } from "../context/create-app-context.js";
import { type Listening, listen, tempDir, testConfig } from "./test-server.js";

export interface ServerPerFile {
  readonly sandbox: StartedSandbox;
  readonly ctx: AppContext;
  readonly server: Listening;
}

/**
 * Registers beforeAll/afterAll: one sandbox and one callback server (SQLite in a temp folder,
 * `overrides` on the test config) for the whole test file, closed after its last test.
 */
export function serverPerFile(overrides: Partial<ServerConfig> = {}): ServerPerFile {
  let sandbox: StartedSandbox | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  let ctx: AppContext | undefined;
  let server: Listening | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dir = tempDir();
    ctx = await createAppContext(testConfig(sandbox.url, dir.path, overrides));
    server = await listen(ctx);
  });
  afterAll(async () => {
    await server?.close();
    await ctx?.close();
    await sandbox?.close();
    dir?.remove();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("serverPerFile: used outside a test");
    return value;
  };
  return {
    get sandbox() {
      return started(sandbox);
    },
    get ctx() {
      return started(ctx);
    },
    get server() {
      return started(server);
    },
  };
}
