import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Folders that hold no source of ours. */
const SKIPPED = new Set(["node_modules", "dist", ".tsbuild"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST_FILE = /\.(test|spec)\.tsx?$/;
/** `export function x`, `export async function x`, `export class X`, `export const x`, `export let x`. */
const EXPORTED = /^export\s+(?:async\s+)?(?:function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)/gm;

export interface TestKit {
  /** The kit's path from the repository root, e.g. `callback-server/src/store/testing/store-fixtures.ts`. */
  path: string;
  /** Its exported functions, classes and constants whose names no shipping file declares. */
  distinctiveNames: string[];
}

function* walk(dir: string, inTesting = false): Generator<{ path: string; inTesting: boolean }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path, inTesting || entry.name === "testing");
    else if (SOURCE.test(entry.name)) yield { path, inTesting };
  }
}

/** Names a file declares: `function name`, `class Name`, `const|let|var name` (esbuild keeps them: keepNames). */
const DECLARED = /(?<![\w$.])(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/g;

export function declaredNames(source: string): Set<string> {
  return new Set([...source.matchAll(DECLARED)].map((match) => match[1] as string));
}

/**
 * Every test kit of the workspaces (each file in a `testing/` folder, wherever one is added), with the
 * exported names that say it is there: a name no shipping file (outside `testing/`, not a test) declares.
 */
export function findTestKits(repoDir: string, workspaces: readonly string[]): TestKit[] {
  const kits: { path: string; source: string }[] = [];
  const shipping = new Set<string>();
  for (const workspace of workspaces) {
    for (const file of walk(join(repoDir, workspace))) {
      const source = readFileSync(file.path, "utf8");
      if (file.inTesting) kits.push({ path: relative(repoDir, file.path).split("\\").join("/"), source });
      else if (!TEST_FILE.test(file.path)) for (const name of declaredNames(source)) shipping.add(name);
    }
  }
  return kits.map(({ path, source }) => ({
    path,
    distinctiveNames: [...source.matchAll(EXPORTED)]
      .map((match) => match[1] as string)
      .filter((name) => !shipping.has(name)),
  }));
}

export interface BundledModule {
  /** The module's path as esbuild prints it (relative to where it ran): `src/app.ts`, `../wechat/src/…`. */
  path: string;
  code: string;
}

/** esbuild (not minified) starts each module's code with a `// <path>` line; cut the bundle there. */
export function bundledModules(bundle: string): BundledModule[] {
  const heads = [...bundle.matchAll(/^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/gm)];
  return heads.map((head, at) => ({
    path: head[1] as string,
    code: bundle.slice((head.index ?? 0) + head[0].length, heads[at + 1]?.index ?? bundle.length),
  }));
}

/**
 * `module: kit path: name` for every kit name that a module of ours in the bundle declares (third-party
 * modules may use any name: fastify declares `listen`). Empty when no kit was bundled.
 */
export function kitNamesDeclaredIn(modules: readonly BundledModule[], kits: readonly TestKit[]): string[] {
  return modules
    .filter((module) => !module.path.includes("node_modules/"))
    .flatMap((module) => {
      const declared = declaredNames(module.code);
      return kits.flatMap((kit) =>
        kit.distinctiveNames
          .filter((name) => declared.has(name))
          .map((name) => `${module.path}: ${kit.path}: ${name}`),
      );
    });
}
