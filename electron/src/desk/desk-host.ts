import type { DeskApi, DeskMethod } from "../desk-api.js";

/**
 * The agreed seam between the DeskApi implementation (`electron/src/desk/`) and its two transports
 * (`electron/src/main/` for Electron IPC, `electron/src/web-bridge/` for loopback HTTP + SSE).
 */
export interface DeskHostOptions {
  /** The app's data folder: settings.json, drafts, the local sandbox's SQLite file. */
  dataDir: string;
  transport: "electron" | "web";
  appVersion: string;
  /** Start the built-in local sandbox profile (sandbox + callback server on loopback) at once. */
  startLocalSandbox?: boolean;
}

export interface DeskHost {
  api: DeskApi;
  /**
   * Validates `args` for `method` (zod, one schema per method) and calls it. Bad input rejects with a
   * DeskError `{code: "bad_input", message, messageZh}`; both transports route every call through here.
   */
  call(method: DeskMethod, args: unknown[]): Promise<unknown>;
  /** Stops the local sandbox, the event stream and timers. */
  close(): Promise<void>;
}

/** Implemented in `create-desk-host.ts`. */
export type CreateDeskHost = (options: DeskHostOptions) => Promise<DeskHost>;
