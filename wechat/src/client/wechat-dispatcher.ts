import type { Dispatcher } from "undici";
// By file, not from "undici": see undici-pool.d.ts.
import Agent from "undici/lib/dispatcher/agent.js";
import EnvHttpProxyAgent from "undici/lib/dispatcher/env-http-proxy-agent.js";

/**
 * A proxy for WeChat's API, as the application's configuration names it (the server reads
 * HTTPS_PROXY and friends in its config layer; this package never reads the environment).
 */
export interface WeChatProxy {
  /** For http:// API bases (the sandbox, a test double). */
  httpProxy?: string;
  /** For https://api.weixin.qq.com. */
  httpsProxy?: string;
  /** Hosts that bypass the proxy, comma-separated, as NO_PROXY is written (`*` = all). */
  noProxy?: string;
}

export type WeChatDispatcher = Dispatcher;

/**
 * undici's keep-alive pool for WeChat calls, through the proxy when one is configured. One per
 * process is enough; the clients that share it share its connections. `close()` it on shutdown.
 */
export function createWeChatDispatcher(options: { proxy?: WeChatProxy } = {}): WeChatDispatcher {
  const { httpProxy, httpsProxy, noProxy } = options.proxy ?? {};
  if (!httpProxy && !httpsProxy) return new Agent();
  // Empty strings, not undefined: undici would fall back to process.env for an absent setting.
  return new EnvHttpProxyAgent({
    httpProxy: httpProxy ?? "",
    httpsProxy: httpsProxy ?? "",
    noProxy: noProxy ?? "",
    // http:// targets as a forward proxy expects them (the absolute URL); https:// ones always
    // tunnel (CONNECT), so the proxy never sees what is sent to WeChat.
    proxyTunnel: false,
  });
}
