import { EXIT_CODES } from "../src/cli/exit-codes.js";
import { leanRelaunch } from "./lean-relaunch.js";
import { nodeTooOld, REQUIRED_NAPI } from "./node-version-check.js";

/** callback-server/package.json's engines.node, written in at build time (build-server-dist.ts). */
declare const __WXDESK_NODE_ENGINES__: string;

/**
 * `dist/server.js`. First: is this Node.js new enough? Checked before the bundle (and with it
 * better-sqlite3's native binary) loads, because an old Node.js crashes on that binary without a
 * word. Too old is a setting of the machine: exit 1, which systemd does not restart.
 */
const tooOld = nodeTooOld(process.version, process.versions.napi, {
  engines: __WXDESK_NODE_ENGINES__,
  napi: REQUIRED_NAPI,
});
if (tooOld) {
  process.stderr.write(`${tooOld.join("\n")}\n`);
  process.exit(EXIT_CODES.badSetting);
}

/** Then Node.js again with the settings that keep memory small (lean-relaunch.ts), same process id. */
const relaunch = leanRelaunch({
  execPath: process.execPath,
  argv: process.argv,
  execArgv: process.execArgv,
  env: process.env,
  platform: process.platform,
  canExecve: typeof process.execve === "function",
});
if (relaunch && process.execve) {
  try {
    process.execve(relaunch.file, relaunch.args, relaunch.env);
  } catch {
    // Not allowed here (a sandboxed system call, say): run as started, only less lean.
  }
}

/**
 * Source maps only when asked for (WXDESK_SOURCE_MAPS=1, or Node's own --enable-source-maps): with
 * them on, every `error.stack` is mapped frame by frame, and Node reads the stack of every socket
 * destroyed with an error (undici closing an idle connection, a visitor leaving), which cost about
 * 5 % of the server's CPU per journey and a few MB of heap for the parsed map. The map still ships
 * beside the bundle. It has to be switched on here: Node reads a module's source map only when
 * support is on before that module loads, so the bundle cannot do it for itself.
 */
if (process.env.WXDESK_SOURCE_MAPS === "1") {
  const { default: module } = await import("node:module");
  if (typeof module.setSourceMapsSupport === "function") module.setSourceMapsSupport(true);
  else process.setSourceMapsEnabled(true); // Node.js before 22.14 / 23.7 had only this form
}

// A variable, not a literal: the bundle exists only in dist/, the typecheck must not look for it.
const bundle = "./bundle/server.js";
await import(bundle);
