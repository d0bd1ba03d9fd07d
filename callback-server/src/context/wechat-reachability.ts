import type { Clock } from "../app-context.js";

/** Whether this server could reach WeChat's API (or the sandbox) when it last looked. */
export interface WechatReachability {
  reachable: boolean;
  /** Epoch ms of the probe this answer comes from. */
  checkedAt: number;
  /** `HTTP 404` (any answer counts), `no answer within 2000 ms`, `connection failed`. */
  detail: string;
  message: string;
  messageZh: string;
}

export interface WechatReachabilityOptions {
  apiBase: string;
  clock: Clock;
  /** A probe younger than this is answered from memory (default 30 s). */
  maxAgeMs?: number;
  /** How long one probe may take (default 2 s). */
  timeoutMs?: number;
}

/** Any HTTP answer counts: the question is "can we reach WeChat", not "is this path valid". */
async function probe(apiBase: string, timeoutMs: number, now: number): Promise<WechatReachability> {
  try {
    const response = await fetch(`${apiBase}/`, { method: "GET", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel().catch(() => {});
    return {
      reachable: true,
      checkedAt: now,
      detail: `HTTP ${response.status}`,
      message: "WeChat's API answers",
      messageZh: "微信接口可以连通",
    };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return {
      reachable: false,
      checkedAt: now,
      detail: timedOut ? `no answer within ${timeoutMs} ms` : "connection failed",
      message:
        "WeChat's API cannot be reached from this server: check its DNS, firewall and outgoing HTTPS (443)",
      messageZh: "这台服务器连不上微信接口：请检查 DNS、防火墙和出站 HTTPS（443 端口）",
    };
  }
}

/**
 * WeChat's reachability for admins (`GET /admin/api/wechat-status`), at most one probe per
 * `maxAgeMs` however often it is asked, and one at a time. Only admin requests ask: no public
 * request (`/healthz`, `/readyz`, pages) ever makes this outbound call.
 */
export function createWechatReachability(
  options: WechatReachabilityOptions,
): () => Promise<WechatReachability> {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let last: WechatReachability | undefined;
  let inflight: Promise<WechatReachability> | undefined;
  return () => {
    if (last && options.clock.now() - last.checkedAt < maxAgeMs) return Promise.resolve(last);
    inflight ??= probe(options.apiBase, timeoutMs, options.clock.now())
      .then((result) => {
        last = result;
        return result;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
}
