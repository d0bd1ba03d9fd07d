import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";

export interface HealthOptions {
  ctx: AppContext;
  /** How long the upstream probe may take. */
  upstreamTimeoutMs?: number;
}

interface Check {
  ok: boolean;
  detail?: string;
}

/** Any HTTP answer counts: we ask "can we reach WeChat (or the sandbox)", not "is this path valid". */
async function probeUpstream(apiBase: string, timeoutMs: number): Promise<Check> {
  try {
    const response = await fetch(`${apiBase}/`, { method: "GET", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel().catch(() => {});
    return { ok: true, detail: `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ok: false, detail: timedOut ? `no answer within ${timeoutMs} ms` : "connection failed" };
  }
}

/**
 * `GET /healthz`: the process answers. `GET /readyz`: the store answers and the WeChat API base is
 * reachable — 503 naming the failed part otherwise (a load balancer takes the instance out).
 */
export default async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const { ctx } = options;
  const timeoutMs = options.upstreamTimeoutMs ?? 2_000;

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    return { ok: true };
  });

  app.get("/readyz", async (_request, reply) => {
    const [store, upstream] = await Promise.all([
      ctx.store.ping().then(
        (): Check => ({ ok: true }),
        (): Check => ({ ok: false, detail: "store not answering" }),
      ),
      probeUpstream(ctx.config.apiBase, timeoutMs),
    ]);
    const ok = store.ok && upstream.ok;
    reply.code(ok ? 200 : 503).header("cache-control", "no-store");
    if (ok) return { ok, checks: { store, upstream } };
    const failed = [!store.ok && "store", !upstream.ok && "upstream"].filter(Boolean).join(", ");
    return {
      ok,
      checks: { store, upstream },
      error: {
        code: "not_ready",
        message: `Not ready: ${failed} failed`,
        messageZh: `未就绪：${failed === "store" ? "存储" : failed === "upstream" ? "微信接口" : "存储和微信接口"}不可用`,
      },
    };
  });
}
