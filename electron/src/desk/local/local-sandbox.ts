import { type AppContext, buildApp, createAppContext, freePort } from "@wxdesk/callback-server";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import type { FastifyInstance } from "fastify";
import type { Role, SandboxStatus } from "../../desk-api.js";
import type { AdminTarget } from "../admin/admin-client.js";
import { DeskApiError } from "../desk-api-error.js";
import { type LocalKeys, localServerConfig, newLocalKeys } from "./local-server-config.js";

interface Running {
  sandbox: StartedSandbox;
  app: FastifyInstance;
  ctx: AppContext;
  serverUrl: string;
  keys: LocalKeys;
}

export interface LocalSandboxOptions {
  dataDir: string;
  /** Tests pass known keys (e.g. to add a support profile); the app makes fresh ones per run. */
  keys?: LocalKeys;
  /** Told after every start and stop (the activity stream follows the local profile). */
  onChange?: () => void;
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

/**
 * The built-in local profile: the WeChat sandbox and the callback server, both in this process,
 * both on loopback. The admin key exists only in memory for one run.
 */
export class LocalSandbox {
  private running: Running | undefined;
  private lastError: DeskApiError | undefined;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LocalSandboxOptions) {}

  status(): SandboxStatus {
    const r = this.running;
    if (r) return { running: true, sandboxUrl: r.sandbox.url, serverUrl: r.serverUrl };
    return this.lastError ? { running: false, error: this.lastError.toJSON() } : { running: false };
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
    let sandbox: StartedSandbox;
    try {
      // Both servers answer only loopback Host names: any web page the user opens can reach a loopback
      // port, and DNS rebinding would otherwise let it drive them (host-guard.ts, loopback-host-guard.ts).
      sandbox = await startSandbox({ port: 0, host: "127.0.0.1", loopbackHostOnly: true });
    } catch (error) {
      throw startFailed(error);
    }
    let lastError: unknown;
    for (let attempt = 0; attempt < LISTEN_ATTEMPTS; attempt++) {
      let ctx: AppContext | undefined;
      let app: FastifyInstance | undefined;
      try {
        const port = await freePort();
        const config = localServerConfig({
          dataDir: this.options.dataDir,
          sandboxUrl: sandbox.url,
          port,
          keys,
        });
        ctx = await createAppContext(config);
        app = await buildApp(ctx, { loopbackHostOnly: true });
        await app.listen({ port, host: "127.0.0.1" });
        return { sandbox, app, ctx, serverUrl: `http://127.0.0.1:${port}`, keys };
      } catch (error) {
        lastError = error;
        await app?.close().catch(() => {});
        await ctx?.close().catch(() => {});
        if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") break;
      }
    }
    await sandbox.close().catch(() => {});
    throw startFailed(lastError);
  }
}

async function shutdown(r: Running): Promise<void> {
  await r.app.close().catch(() => {});
  await r.ctx.close().catch(() => {});
  await r.sandbox.close().catch(() => {});
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
