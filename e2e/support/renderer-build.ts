import { existsSync } from "node:fs";
import { join } from "node:path";

/** Where the global setup puts its renderer build; workers inherit the variable. */
export const RENDERER_DIR_ENV = "WXDESK_E2E_RENDERER_DIR";

const RENDERER_ROOT = join(import.meta.dirname, "..", "..", "renderer");

/** One JavaScript file of the build, as the bundler wrote it. */
export interface BuiltChunk {
  /** Relative to the build folder, e.g. `assets/index-ZyH9sDwj.js`. */
  fileName: string;
  /** Loaded by index.html itself. */
  isEntry: boolean;
  /** Chunks it imports statically (they load with it). */
  imports: string[];
  /** Chunks it loads later, with `import()`. */
  dynamicImports: string[];
}

export interface RendererBuild {
  outDir: string;
  chunks: BuiltChunk[];
}

/**
 * A production build of renderer/ into `outDir`, through Vite's API with the renderer's own config.
 * Into a folder of its own rather than renderer/dist: other people rebuild that folder while the
 * tests run (vite empties it first), which would pull the page from under a test.
 */
export async function buildRenderer(outDir: string): Promise<RendererBuild> {
  const { build } = await import("vite");
  const result = await build({
    root: RENDERER_ROOT,
    configFile: join(RENDERER_ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true, reportCompressedSize: false },
  });
  if (!existsSync(join(outDir, "index.html")))
    throw new Error(`the renderer build wrote no ${outDir}/index.html`);
  if (!("output" in result)) throw new Error("the renderer build gave no single output");
  const chunks: BuiltChunk[] = [];
  for (const item of result.output) {
    if (item.type !== "chunk") continue;
    chunks.push({
      fileName: item.fileName,
      isEntry: item.isEntry,
      imports: [...item.imports],
      dynamicImports: [...item.dynamicImports],
    });
  }
  return { outDir, chunks };
}

/** The build made by the global setup (e2e/support/global-setup.ts). */
export function rendererBuildDir(): string {
  const dir = process.env[RENDERER_DIR_ENV];
  if (!dir)
    throw new Error(`${RENDERER_DIR_ENV} is not set: run the browser tests through playwright.config.ts`);
  return dir;
}
