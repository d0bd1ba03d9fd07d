import { join } from "node:path";

/**
 * Bundles bridge-client.ts (and the shared method list it builds `window.wxdesk` from) into one classic
 * script. Built once per bridge, in memory: the bridge is a development tool run from source, and this
 * keeps bridge.js impossible to go stale against the DeskApi type.
 */
export async function buildBridgeScript(): Promise<string> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(import.meta.dirname, "bridge-client.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild produced no bridge.js");
  return output.text;
}
