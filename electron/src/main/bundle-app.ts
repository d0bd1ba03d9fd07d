import { access, cp, mkdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { build } from "esbuild";

export interface BundleAppOptions {
  /** electron/src */
  srcDir: string;
  /** Where main.cjs, preload.cjs and renderer/ go (electron/dist for `npm start` and packaging). */
  outDir: string;
  /** Vite's build of the renderer (renderer/dist). */
  rendererDist: string;
}

export interface BundleAppResult {
  mainFile: string;
  preloadFile: string;
  rendererDir: string;
  /** Every file that went into main.cjs, relative to the working directory (esbuild's metafile). */
  mainInputs: string[];
}

/**
 * Native modules stay outside the bundle and are loaded from node_modules (packaged: unpacked from the
 * asar, rebuilt for Electron by electron-builder). "electron" is provided by the runtime itself.
 */
export const MAIN_EXTERNALS = ["electron", "keytar", "better-sqlite3"] as const;

/**
 * Bundles the main process and the preload with esbuild and places the renderer's build beside them:
 *
 *   dist/main.cjs      the main process with our workspaces (wechat, sandbox, callback-server) inlined
 *   dist/preload.cjs   the sandboxed preload: one file, requires only "electron"
 *   dist/renderer/     a copy of renderer/dist, served on app://wxdesk/
 *
 * One layout for `npm start` and the packaged app, so main.ts finds everything beside itself.
 */
export async function bundleApp({
  srcDir,
  outDir,
  rendererDist,
}: BundleAppOptions): Promise<BundleAppResult> {
  try {
    await access(join(rendererDist, "index.html"));
  } catch {
    throw new Error(
      `找不到界面的构建结果 ${rendererDist}/index.html，请先运行 npm run build -w @wxdesk/renderer。\n` +
        `The UI's build is missing (${rendererDist}/index.html): run npm run build -w @wxdesk/renderer first.`,
    );
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const mainFile = join(outDir, "main.cjs");
  const preloadFile = join(outDir, "preload.cjs");
  const main = await build({
    entryPoints: [join(srcDir, "main", "main.ts")],
    outfile: mainFile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    external: [...MAIN_EXTERNALS],
    // ESM sources in a CommonJS bundle: give import.meta.* their CommonJS equivalents.
    define: {
      "import.meta.dirname": "__dirname",
      "import.meta.filename": "__filename",
      "import.meta.url": "__wxdeskImportMetaUrl",
    },
    banner: { js: 'const __wxdeskImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    // `await import("keytar")` becomes a require(): Electron's require finds modules inside app.asar
    // and loads their .node files from app.asar.unpacked.
    supported: { "dynamic-import": false },
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
  });
  await build({
    entryPoints: [join(srcDir, "main", "preload.ts")],
    outfile: preloadFile,
    bundle: true,
    // A sandboxed preload is a browser-like context whose `require` knows only a few modules.
    platform: "browser",
    format: "cjs",
    target: "es2023",
    external: ["electron"],
    sourcemap: "linked",
    logLevel: "silent",
  });

  const rendererDir = join(outDir, "renderer");
  await cp(rendererDist, rendererDir, { recursive: true });
  return { mainFile, preloadFile, rendererDir, mainInputs: Object.keys(main.metafile.inputs) };
}

/** Size in KiB, for the CLI's summary. */
export async function sizeKiB(file: string): Promise<number> {
  return Math.round((await stat(file)).size / 1024);
}

export function displayPath(file: string): string {
  return relative(process.cwd(), file) || ".";
}
