import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDeskHost } from "../../electron/src/desk/create-desk-host.js";
import type { DeskHost } from "../../electron/src/desk/desk-host.js";
import type { Keychain } from "../../electron/src/desk/keys/key-store.js";
import { type LocalKeys, newLocalKeys } from "../../electron/src/desk/local/local-server-config.js";
import { memoryKeychain } from "../../electron/src/desk/testing/test-keychains.js";
import type { SandboxStatus, SandboxUserView } from "../../electron/src/desk-api.js";
import { startWebBridge, type WebBridge } from "../../electron/src/web-bridge/start-web-bridge.js";
import { rendererBuildDir } from "./renderer-build.js";

/** The desk app as `npm run web` runs it, started in this process: no console output to parse. */
export interface DeskBridge {
  host: DeskHost;
  bridge: WebBridge;
  /** The app's data folder (fresh per start unless one was given). */
  dataDir: string;
  /**
   * The local server's keys for this run. `npm run web` makes fresh ones in memory that nothing can
   * read; the tests pass known ones (`DeskHostDeps.localKeys`), which is how a support profile can
   * point at the local server with its support key.
   */
  localKeys: LocalKeys;
  /** The keychain the profiles' keys go to (in memory: the test machine may have no Secret Service). */
  keychain: Keychain;
  sandboxUrl: string;
  serverUrl: string;
  close(): Promise<void>;
}

export interface DeskBridgeOptions {
  /** Reuse a data folder (e.g. one seeded beforehand); it is then not removed on close. */
  dataDir?: string;
  /** Absent: fresh keys. */
  localKeys?: LocalKeys;
  /** Absent: the renderer build the global setup made. */
  rendererDir?: string;
}

/**
 * createDeskHost (local sandbox started, as web-main.ts does) + startWebBridge on a free loopback port.
 * Throws when the local sandbox did not start: every test needs it.
 */
export async function startDeskBridge(options: DeskBridgeOptions = {}): Promise<DeskBridge> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "wxdesk-e2e-"));
  const localKeys = options.localKeys ?? newLocalKeys();
  const keychain = memoryKeychain();
  const removeDir = () => {
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  let host: DeskHost;
  try {
    host = await createDeskHost(
      { dataDir, transport: "web", appVersion: "0.1.0-e2e", startLocalSandbox: true },
      { keychain, localKeys },
    );
  } catch (error) {
    removeDir();
    throw error;
  }
  try {
    const status = (await host.call("sandbox.status", [])) as SandboxStatus;
    if (!status.running || !status.sandboxUrl || !status.serverUrl) {
      throw new Error(`the local sandbox did not start: ${JSON.stringify(status.error ?? status)}`);
    }
    const bridge = await startWebBridge({ host, rendererDir: options.rendererDir ?? rendererBuildDir() });
    return {
      host,
      bridge,
      dataDir,
      localKeys,
      keychain,
      sandboxUrl: status.sandboxUrl,
      serverUrl: status.serverUrl,
      async close() {
        await bridge.close();
        await host.close();
        removeDir();
      },
    };
  } catch (error) {
    await host.close();
    removeDir();
    throw error;
  }
}

/** The sandbox's fixture users (the people a consent can be given as). */
export async function sandboxUsers(desk: DeskBridge): Promise<SandboxUserView[]> {
  return (await desk.host.call("sandbox.users", [])) as SandboxUserView[];
}
