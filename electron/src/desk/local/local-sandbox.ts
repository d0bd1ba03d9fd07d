import { join } from "node:path";
import { type AppContext, buildApp, createAppContext, freePort } from "@wxdesk/callback-server";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import type { FastifyInstance } from "fastify";
import type { Role, SandboxStatus } from "../../desk-api.js";
import { AdminClient, type AdminTarget } from "../admin/admin-client.js";
import { liveMenuShape } from "../admin/admin-shapes.js";
import { DeskApiError } from "../desk-api-error.js";
import type { LocalAddresses } from "../settings/settings-schema.js";
import { loopbackUrl, settleAddresses } from "./local-addresses.js";
import { lockLocalFolder } from "./local-folder-lock.js";
import { type LocalKeys, localServerConfig, newLocalKeys } from "./local-server-config.js";
import { staleLinks } from "./stale-links.js";

interface Running {
  release: () => Promise<void>;
  sandbox: StartedSandbox;
  app: FastifyInstance;
  ctx: AppContext;
  serverUrl: string;
  keys: LocalKeys;
  moved: NonNullable<SandboxStatus["moved"]> | undefined;
}

/** Where the ports are remembered between runs (settings.json's `localSandbox`). */
export interface AddressMemory {
  load(): LocalAddresses | undefined;
  save(addresses: LocalAddresses): Promise<void>;
}

export interface LocalSandboxOptions {
  dataDir: string;
  /** Tests pass known keys (e.g. to add a support profile); the app makes fresh ones per run. */
  keys?: LocalKeys;
  /** Told after every start and stop (the activity stream follows the local profile). */
  onChange?: () => void;
  /** Without it every start picks new ports (and published links break): the app always passes one. */
  addresses?: AddressMemory;
}

/** The port can be taken between choosing it and listening: try a few times. */
const LISTEN_ATTEMPTS = 4;

export function sandboxStopped(): DeskApiError {
  return new DeskApiError(
    "sandbox_stopped",
    "The local sandbox is not running. Start it first (Local sandbox → Start).",
    "本地沙箱没有运行，请先启动它（本地沙箱 → 启动）。",
  );
}

const isPortTaken = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === "EADDRINUSE";
const portOf = (url: string) => Number(new URL(url).port);

/**
 * The built-in local profile: the WeChat sandbox and the callback server, both in this process,
 * both on loopback. The admin key exists only in memory for one run. What it knows survives a stop
 * and a restart of the app: the callback server's SQLite file and the sandbox's state file live in
 * `<dataDir>/local/`, and both listen on the ports of the last run (so published links keep working)
 * unless another program holds one — then it moves, and `status().moved` / `staleLinks` say so.
 */
export class LocalSandbox {
  private running: Running | undefined;
  private lastError: DeskApiError | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LocalSandboxOptions) {}

  status(): SandboxStatus {
    const r = this.running;
    if (r) {
      return {
        running: true,
        sandboxUrl: r.sandbox.url,
        serverUrl: r.serverUrl,
        ...(r.moved ? { moved: r.moved } : {}),
      };
    }
    return this.lastError ? { running: false, error: this.lastError.toJSON() } : { running: false };
  }

  /**
   * `status()` plus the published links that still point where the local servers were before a move
   * (read from the live menu). A menu that cannot be read leaves `staleLinks` out rather than failing.
   */
  async report(): Promise<SandboxStatus> {
    const status = this.status();
    const r = this.running;
    const former = this.options.addresses?.load()?.formerPorts ?? [];
    if (!r || former.length === 0) return status;
    try {
      const client = new AdminClient({ baseUrl: r.serverUrl, key: r.keys.adminKey });
      const live = await client.request({ path: "menu" }, liveMenuShape);
      const conditional = live.conditional.map((c) => ({ ...c, menuid: String(c.menuid) }));
      const current = [portOf(r.sandbox.url), portOf(r.serverUrl)];
      return { ...status, staleLinks: staleLinks({ menu: live.menu, conditional }, former, current) };
    } catch {
      return status;
    }
  }

  get sandboxUrl(): string | undefined {
    return this.running?.sandbox.url;
  }

  get serverUrl(): string | undefined {
    return this.running?.serverUrl;
  }

  get appid(): string | undefined {
    return this.running?.ctx.config.appid;
  }

  /** Where the local profile's admin client goes, or undefined while stopped. */
  target(role: Role = "admin"): AdminTarget | undefined {
    const r = this.running;
    if (!r) return undefined;
    return { baseUrl: r.serverUrl, key: role === "admin" ? r.keys.adminKey : r.keys.supportKey };
  }

  /** Start and stop are queued: a stop during a start waits for it, two starts start once. */
  start(): Promise<SandboxStatus> {
    return this.enqueue(async () => {
      if (!this.running) {
        try {
          this.running = await this.launch();
          this.lastError = undefined;
        } catch (error) {
          this.lastError = error instanceof DeskApiError ? error : startFailed(error);
          throw this.lastError;
        }
        this.options.onChange?.();
      }
      return this.status();
    });
  }

  stop(): Promise<SandboxStatus> {
    return this.enqueue(async () => {
      const r = this.running;
      if (r) {
        this.running = undefined;
        await shutdown(r);
        this.options.onChange?.();
      }
      return this.status();
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.pending.then(work);
    this.pending = run.catch(() => {});
    return run;
  }

  private async launch(): Promise<Running> {
    const keys = this.options.keys ?? newLocalKeys();
    const release = await lockLocalFolder(this.options.dataDir);
    let sandbox: StartedSandbox | undefined;
    try {
      const remembered = this.options.addresses?.load() ?? {};
      sandbox = await this.launchSandbox(remembered.sandboxPort);
      const server = await this.launchServer(sandbox, keys, remembered.serverPort);
      const { moved, remember } = settleAddresses(remembered, {
        sandboxPort: portOf(sandbox.url),
        serverPort: portOf(server.serverUrl),
      });
      if (remember) {
        await this.options.addresses
          ?.save(remember)
          .catch((error: unknown) =>
            console.error("[wxdesk] the local sandbox's ports were not saved:", error),
          );
      }
      return { ...server, release, sandbox, keys, moved };
    } catch (error) {
      await sandbox?.close().catch(() => {});
      await release().catch(() => {});
      throw error;
    }
  }

  /** On the remembered port if it is free, else on any free one; with its memory in `<dataDir>/local/`. */
  private async launchSandbox(port: number | undefined): Promise<StartedSandbox> {
    const stateFile = join(this.options.dataDir, "local", "sandbox-state.json");
    // Both servers answer only loopback Host names: any web page the user opens can reach a loopback
    // port, and DNS rebinding would otherwise let it drive them (host-guard.ts, loopback-host-guard.ts).
    const on = (p: number) => startSandbox({ port: p, host: "127.0.0.1", loopbackHostOnly: true, stateFile });
    try {
      return await on(port ?? 0);
    } catch (error) {
      if (port === undefined || !isPortTaken(error)) throw startFailed(error);
    }
    try {
      return await on(0);
    } catch (error) {
      throw startFailed(error);
    }
  }

  private async launchServer(
    sandbox: StartedSandbox,
    keys: LocalKeys,
    rememberedPort: number | undefined,
  ): Promise<{ app: FastifyInstance; ctx: AppContext; serverUrl: string }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < LISTEN_ATTEMPTS; attempt++) {
      let ctx: AppContext | undefined;
      let app: FastifyInstance | undefined;
      try {
        const port = attempt === 0 && rememberedPort !== undefined ? rememberedPort : await freePort();
        const config = localServerConfig({
          dataDir: this.options.dataDir,
          sandboxUrl: sandbox.url,
          port,
          keys,
        });
        ctx = await createAppContext(config);
        // A sandbox that started without its saved state no longer knows the global token the server
        // cached: using it would earn a 40001 that reads like another system stealing the token.
        if (sandbox.stateLoad !== "restored") await ctx.globalTokens.clearCache();
        app = await buildApp(ctx, { loopbackHostOnly: true });
        await app.listen({ port, host: "127.0.0.1" });
        return { app, ctx, serverUrl: loopbackUrl(port) };
      } catch (error) {
        lastError = error;
        await app?.close().catch(() => {});
        await ctx?.close().catch(() => {});
        if (!isPortTaken(error)) break;
      }
    }
    throw startFailed(lastError);
  }
}

async function shutdown(r: Running): Promise<void> {
  await r.app.close().catch(() => {});
  await r.ctx.close().catch(() => {});
  // Last: closing writes the sandbox's state file once more; then the folder is free for another copy.
  await r.sandbox.close().catch(() => {});
  await r.release().catch(() => {});
}

function startFailed(error: unknown): DeskApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = code ? ` (${code})` : "";
  return new DeskApiError(
    "sandbox_failed",
    `The local sandbox could not start${detail}. Close other copies of the app and try again.`,
    `本地沙箱无法启动${detail}。请关闭其他正在运行的副本后重试。`,
  );
}
