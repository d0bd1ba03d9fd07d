import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app-context.js";
import { StoreUnavailableError } from "../../store/store-errors.js";
import type { Store } from "../../store/store-types.js";

export interface HealthOptions {
  ctx: AppContext;
  /** How long `/readyz` waits for the store's ping (load balancers usually allow 1–2 s). */
  storeTimeoutMs?: number;
}

interface Check {
  ok: boolean;
  detail?: string;
}

export const STORE_PING_TIMEOUT_MS = 500;

/** The store's ping, or a failed check after `timeoutMs` (a hung Redis must not hang readiness). */
async function pingStore(store: Store, timeoutMs: number): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const answered = store.ping().then(
    (): Check => ({ ok: true }),
    (error: unknown): Check => ({
      ok: false,
      detail: error instanceof StoreUnavailableError ? `not answering (${error.reason})` : "not answering",
    }),
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: the process answers. `GET /readyz`: this instance can serve — its store answers
 * within 500 ms (its settings were checked at start: with bad ones it never starts). 503 naming the
 * failed part otherwise, so a load balancer takes the instance out.
 *
 * Neither asks WeChat: when WeChat (or the way out to it) has a blip, every instance would fail
 * readiness at once and a load balancer would drain them all, though sign-ins that need no WeChat
 * call (replays, pages, the admin API) still work and the others only need the blip to end.
 * WeChat's reachability is the admin route `GET /admin/api/wechat-status` (cached).
 */
export default async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const { ctx } = options;
  const timeoutMs = options.storeTimeoutMs ?? STORE_PING_TIMEOUT_MS;

  app.get("/healthz", async (_request, reply) => {
    reply.header("cache-control", "no-store");
    return { ok: true };
  });

  app.get("/readyz", async (_request, reply) => {
    const store = await pingStore(ctx.store, timeoutMs);
    reply.code(store.ok ? 200 : 503).header("cache-control", "no-store");
    if (store.ok) return { ok: true, checks: { store } };
    return {
      ok: false,
      checks: { store },
      error: {
        code: "not_ready",
        message: "Not ready: store failed",
        messageZh: "未就绪：存储（数据库 / Redis）不可用",
      },
    };
  });
}
