import type http from "node:http";
import { join } from "node:path";
import { type CallbackServer, newServerKeys, startCallbackServer } from "./callback-server-child.js";
import type { ChildServer } from "./child-server.js";
import { keepAliveAgent } from "./keep-alive.js";
import { realUserOpenids, setFaults, startSandboxChild } from "./sandbox-child.js";
import { scratchDir } from "./scratch-dir.js";

export interface SnsRig {
  sandbox: ChildServer;
  /** On SQLite in a scratch folder, pointed at the sandbox. */
  server: CallbackServer;
  agent: http.Agent;
  /** The sandbox's real users (not its snapshot-page visitor). */
  openids: string[];
}

export interface SnsRigOptions {
  /** The scratch folder's name prefix. */
  scratch: string;
  /** Keep-alive sockets of the shared agent. */
  connections: number;
  /** WeChat is a network hop away: the sandbox adds this to every sns/* call (its fault rules). */
  upstreamMs: number;
  /** More server settings, e.g. WXDESK_OIDC_CLIENTS. */
  env?: Record<string, string>;
}

/**
 * The rig of the suites that sign people in through WeChat's sns/* calls: a sandbox with upstream
 * latency, a callback server as deployed, a keep-alive agent; everything stopped and removed after.
 */
export async function withSnsRig<T>(options: SnsRigOptions, run: (rig: SnsRig) => Promise<T>): Promise<T> {
  const dir = scratchDir(options.scratch);
  let sandbox: ChildServer | undefined;
  let server: CallbackServer | undefined;
  const agent = keepAliveAgent(options.connections);
  try {
    sandbox = await startSandboxChild();
    server = await startCallbackServer({
      apiBase: sandbox.url,
      dbPath: join(dir.path, "wxdesk.db"),
      keys: newServerKeys(),
      ...(options.env ? { env: options.env } : {}),
    });
    await setFaults(sandbox.url, [{ path: "/sns/*", rate: 1, latencyMs: options.upstreamMs }]);
    const openids = await realUserOpenids(sandbox.url);
    return await run({ sandbox, server, agent, openids });
  } finally {
    agent.destroy();
    await server?.stop();
    await sandbox?.stop();
    dir.remove();
  }
}
