import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import type { BuiltChunk } from "../../e2e/support/renderer-build.js";
import { rendererBuild, round1 } from "../lib/desk-browser.js";
import type { Figures } from "../lib/results.js";

const TARGET_KB = 300;

/**
 * The renderer's production JavaScript, gzip-compressed (zlib's default level, as a web server would
 * send it): every chunk together, and the start-up part alone — the entry chunk(s) index.html loads and
 * what they import statically (not the screens loaded later with `import()`).
 */
export async function desktopJsSize(): Promise<Figures> {
  const build = await rendererBuild();
  const files = allJs(build.outDir);
  if (files.length === 0) throw new Error(`no JavaScript in ${build.outDir}`);
  const gz = new Map(files.map((file) => [file, gzipSync(readFileSync(join(build.outDir, file))).length]));
  const startup = startupChunks(build.chunks);
  for (const file of startup) {
    if (!gz.has(file)) throw new Error(`the start-up chunk ${file} is not in the build folder`);
  }
  const kb = (list: Iterable<string>) => [...list].reduce((sum, file) => sum + (gz.get(file) ?? 0), 0) / 1024;
  const totalKb = kb(gz.keys());
  const startupKb = kb(startup);
  const rawKb = files.reduce((sum, file) => sum + readFileSync(join(build.outDir, file)).length, 0) / 1024;
  return {
    "desktop.js_gzip_kb": { value: round1(totalKb), unit: `KB gzip, all ${files.length} chunks` },
    "desktop.js_gzip_kb.startup": {
      value: round1(startupKb),
      unit: `KB gzip, ${startup.size} start-up chunk(s)`,
    },
    "desktop.js_gzip_kb.raw": { value: round1(rawKb), unit: "KB before gzip, all chunks" },
    "desktop.js_gzip_kb.vs_target": {
      value: Math.round((totalKb / TARGET_KB) * 100) / 100,
      unit: `× ${TARGET_KB} KB target, all chunks (≤ 1 meets it)`,
    },
  };
}

/** Every .js file of the build (what is shipped), relative to the build folder. */
function allJs(outDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) found.push(relative(outDir, path));
    }
  };
  walk(outDir);
  return found;
}

/** The entry chunks and, transitively, their static imports. */
function startupChunks(chunks: readonly BuiltChunk[]): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const startup = new Set<string>();
  const visit = (name: string) => {
    if (startup.has(name)) return;
    startup.add(name);
    for (const dep of byName.get(name)?.imports ?? []) visit(dep);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  if (startup.size === 0) throw new Error("the build has no entry chunk");
  return startup;
}
