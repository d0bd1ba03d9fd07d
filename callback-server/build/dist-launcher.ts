import { EXIT_CODES } from "../src/cli/exit-codes.js";
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

/**
 * Then source maps on, then the bundle. Node reads a module's source map only when support is on
 * before that module loads, so it cannot be done inside the bundle itself; this way plain
 * `node server.js` prints production stack traces with `src/*.ts` lines.
 */
const { default: module } = await import("node:module");
if (typeof module.setSourceMapsSupport === "function") module.setSourceMapsSupport(true);
else process.setSourceMapsEnabled(true); // Node.js before 22.14 / 23.7 had only this form

// A variable, not a literal: the bundle exists only in dist/, the typecheck must not look for it.
const bundle = "./bundle/server.js";
await import(bundle);
