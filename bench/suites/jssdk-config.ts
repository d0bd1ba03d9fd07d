import { join } from "node:path";
import { newServerKeys, startCallbackServer } from "../lib/callback-server-child.js";
import type { ChildServer } from "../lib/child-server.js";
import { runLoad } from "../lib/load.js";
import type { Figures } from "../lib/results.js";
import { sandboxCalls, startSandboxChild } from "../lib/sandbox-child.js";
import { scratchDir } from "../lib/scratch-dir.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 64;

/**
 * `GET /jssdk/config?url=…` through one callback server process, token and ticket cache warm:
 * what it costs to sign a page (§8.2) when nothing has to be fetched from WeChat.
 */
export async function jssdkConfig(): Promise<Figures> {
  const dir = scratchDir("wxdesk-bench-jssdk-");
  let sandbox: ChildServer | undefined;
  let server: ChildServer | undefined;
  try {
    sandbox = await startSandboxChild();
    const started = await startCallbackServer({
      apiBase: sandbox.url,
      dbPath: join(dir.path, "wxdesk.db"),
      keys: newServerKeys(),
    });
    server = started;
    const path = `/jssdk/config?url=${encodeURIComponent(`${started.publicUrl}/shop/item?id=42&from=menu`)}`;

    // Warm: the first call fetches the global token and the ticket; the timed ones must not.
    const warm = await fetch(`${server.url}${path}`);
    const signed = (await warm.json()) as { signature?: string };
    if (warm.status !== 200 || !signed.signature) throw new Error(`warm-up answered ${warm.status}`);
    const callsBefore = await sandboxCalls(sandbox.url);
    const cpuBefore = await server.cpuMs();
    let unsigned = 0;
    const load = await runLoad({
      url: `${server.url}${path}`,
      duration: SECONDS,
      connections: CONCURRENCY,
      requests: [
        {
          onResponse: (_status, body) => {
            if (!body.includes('"signature":"')) unsigned++;
          },
        },
      ],
    });
    const cpuMs = (await server.cpuMs()) - cpuBefore;
    const callsAfter = await sandboxCalls(sandbox.url);
    if (load.failures > 0 || unsigned > 0) {
      throw new Error(`jssdk: ${load.failures} failed requests, ${unsigned} answers without a signature`);
    }
    const upstream = Object.keys(callsAfter).filter((k) => callsAfter[k] !== callsBefore[k]);
    if (upstream.length > 0)
      throw new Error(`jssdk: the cache was not warm, WeChat saw ${upstream.join(", ")}`);

    return {
      "server.jssdk.rps": {
        value: Math.round(load.requestsPerSecond),
        unit: `req/s (${CONCURRENCY} concurrent, warm cache)`,
      },
      "server.jssdk.p50": { value: load.p50Ms, unit: "ms" },
      "server.jssdk.p99": { value: load.p99Ms, unit: "ms" },
      "server.jssdk.cpu_per_request": {
        value: Math.round((cpuMs / load.total) * 1000) / 1000,
        unit: "ms server CPU/request",
      },
    };
  } finally {
    await server?.stop();
    await sandbox?.stop();
    dir.remove();
  }
}
