import { runInterruptCleanups } from "./lib/interrupt-cleanup.js";
import { type Figures, mergeResults, printTable } from "./lib/results.js";
import { adminSearch } from "./suites/admin-search.js";
import { callbackThroughput } from "./suites/callback-throughput.js";
import { desktopJsSize } from "./suites/desktop-js-size.js";
import { desktopMenuEditor } from "./suites/desktop-menu-editor.js";
import { desktopUserSearch } from "./suites/desktop-user-search.js";
import { jssdkConfig } from "./suites/jssdk-config.js";
import { oauthFaults } from "./suites/oauth-faults.js";
import { oidcSignIn } from "./suites/oidc-sign-in.js";
import { peers } from "./suites/peers.js";
import { sandboxThroughput } from "./suites/sandbox-throughput.js";
import { serverMemory } from "./suites/server-memory.js";

/** Every suite, by name; `npm run bench -- sandbox` runs only the ones named. */
const SUITES: Record<string, () => Promise<Figures>> = {
  sandbox: sandboxThroughput,
  callback: callbackThroughput,
  jssdk: jssdkConfig,
  "oauth-faults": oauthFaults,
  oidc: oidcSignIn,
  peers,
  memory: serverMemory,
  "admin-search": adminSearch,
  "desktop-js": desktopJsSize,
  "desktop-menu": desktopMenuEditor,
  "desktop-search": desktopUserSearch,
};

// Ctrl-C or a kill: drop Redis keys, then exit through process.exit so the exit hooks stop child
// servers and remove temp folders.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void runInterruptCleanups().finally(() => process.exit(130)));
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
for (const name of names) {
  if (!SUITES[name])
    throw new Error(`unknown bench suite "${name}"; known: ${Object.keys(SUITES).join(", ")}`);
}
const all: Figures = {};
const failed: string[] = [];
for (const name of names) {
  const suite = SUITES[name] as () => Promise<Figures>;
  const started = Date.now();
  try {
    const figures = await suite();
    printTable(`[${name}] ${((Date.now() - started) / 1000).toFixed(0)} s`, figures);
    Object.assign(all, figures);
  } catch (error) {
    // A failed suite gives no figures (a run with failures is not a result); the others still count.
    failed.push(name);
    console.error(`\n[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (Object.keys(all).length > 0) {
  await mergeResults(all);
  console.log("\nwritten to bench/results.json");
}
if (failed.length > 0) {
  console.error(`\nfailed suites: ${failed.join(", ")}`);
  process.exitCode = 1;
}
