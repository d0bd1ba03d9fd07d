import { readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, relative } from "node:path";

/** Folders no source of ours lives in: installs and build output. */
const SKIPPED = new Set(["node_modules", "dist", ".tsbuild", "test-results", "playwright-report"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
/**
 * Module specifiers in a source file: `import … from "x"` / `export … from "x"` at the start of a line (biome
 * keeps top-level statements unindented), a bare `import "x"`, and `import("x")` / `require("x")`.
 */
const SPECIFIER =
  /^(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"'$]+)["']\s*\)/gm;

export interface BareImport {
  /** The npm package named: `fastify`, `@wxdesk/wechat` (a subpath such as `/menu` is cut off). */
  packageName: string;
  /** The importing file, relative to the folder that was read. */
  file: string;
}

export function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Every import of an npm package (not a relative path, not a Node built-in) in the files under `dir`. */
export function bareImports(dir: string): BareImport[] {
  const found: BareImport[] = [];
  for (const path of sourceFiles(dir)) {
    for (const match of readFileSync(path, "utf8").matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier || specifier.startsWith(".") || specifier.startsWith("/") || isBuiltin(specifier))
        continue;
      found.push({ packageName: packageOf(specifier), file: relative(dir, path) });
    }
  }
  return found;
}
