import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { axiosLazyGlobals } from "./axios-lazy-globals.js";
import { type DistManifest, distManifest } from "./dist-manifest.js";
import { minimumFromEngines } from "./node-version-check.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** callback-server/ */
export const PACKAGE_DIR = resolve(HERE, "..");

/** The repository root (package-lock.json). */
export const REPO_DIR = resolve(PACKAGE_DIR, "..");

/**
 * Left out of the bundle and installed beside it from `dist/package.json`. better-sqlite3 loads a
 * native `.node` file from its own folder, so it cannot be inlined. Everything else the server
 * uses is plain JavaScript and is bundled: one file to ship, one package to install.
 */
export const EXTERNAL_PACKAGES: readonly string[] = ["better-sqlite3"];

/** Launcher (`server.js`) and bundle (`bundle/server.js`) paths inside dist/. */
export const DIST_ENTRY = "server.js";
export const DIST_BUNDLE = "bundle/server.js";

/**
 * Packages written as CommonJS call `require`, `__filename` and `__dirname`, which an ES module
 * lacks; esbuild's own `__require` shim uses the `require` defined here. Aliased imports so no
 * bundled name can clash with them.
 */
const ESM_BANNER = [
  'import { createRequire as __wxdeskCreateRequire } from "node:module";',
  'import { fileURLToPath as __wxdeskFileURLToPath } from "node:url";',
  'import { dirname as __wxdeskDirname } from "node:path";',
  "const require = __wxdeskCreateRequire(import.meta.url);",
  "const __filename = __wxdeskFileURLToPath(import.meta.url);",
  "const __dirname = __wxdeskDirname(__filename);",
].join("\n");

/**
 * `node:http` reaches the bundle as a `require()` call, not an ES import. An ES import of a built-in
 * makes Node read every export of it for the module namespace, lazy ones included, and http's lazy
 * `WebSocket`, `CloseEvent` and `MessageEvent` load Node's own fetch implementation: 11 MB resident
 * (a bare `import "node:http"` vs `require("node:http")`). Other built-ins stay ES imports: their
 * exports are read directly, without the getter a CommonJS module's exports go through.
 */
const REQUIRED_BUILTINS = /^(node:)?http$/;
const BUILTIN_NAMESPACE = "wxdesk-builtin";
const builtinsThroughRequire: esbuild.Plugin = {
  name: "wxdesk-builtins-through-require",
  setup(build) {
    build.onResolve({ filter: REQUIRED_BUILTINS }, (args) =>
      args.kind === "require-call" ? undefined : { path: args.path, namespace: BUILTIN_NAMESPACE },
    );
    build.onLoad({ filter: /.*/, namespace: BUILTIN_NAMESPACE }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

/** `@wxdesk/sandbox` (a dev dependency, only for `--sandbox`) becomes a stand-in that refuses. */
const sandboxStandIn: esbuild.Plugin = {
  name: "wxdesk-sandbox-stand-in",
  setup(build) {
    build.onResolve({ filter: /^@wxdesk\/sandbox(\/.*)?$/ }, () => ({
      path: join(HERE, "sandbox-unavailable.ts"),
    }));
  },
};

/**
 * The server's pages write Chinese inside `html` tagged templates, which esbuild cannot escape (a
 * tag may read the raw text) — and one such character makes V8 hold the whole 5 MB bundle source
 * as two bytes per character. Our `html` tag reads the cooked text only, so here each non-ASCII
 * character of those files becomes a `\u{…}` escape (the same string once cooked; in comments and
 * identifiers it is equally valid). `checkBundle` refuses a bundle that is still not ASCII.
 */
const asciiPages: esbuild.Plugin = {
  name: "wxdesk-ascii-pages",
  setup(build) {
    build.onLoad({ filter: /[\\/]callback-server[\\/]src[\\/]pages[\\/][^\\/]+\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source.replace(
        /[^\p{ASCII}]/gu,
        (c) => `\\u{${(c.codePointAt(0) as number).toString(16)}}`,
      );
      return { contents, loader: "ts" };
    });
  },
};

export interface BuiltDist {
  outDir: string;
  /** Every file written, relative to outDir, sorted. */
  files: string[];
  manifest: DistManifest;
  metafile: esbuild.Metafile;
}

export interface BuildServerDistOptions {
  /** Emptied first. Default `callback-server/dist`. */
  outDir?: string;
  logLevel?: esbuild.LogLevel;
  /**
   * Tests only: keep comments and esbuild's `// path` line before each module, to look inside the
   * bundle module by module. Such a bundle is not ASCII and is not what ships.
   */
  readable?: boolean;
}

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/**
 * Refuses a bundle that would not run with only the declared externals installed, or that holds
 * code that must not ship (the sandbox, tests, test helpers).
 */
function checkBundle(metafile: esbuild.Metafile, bundlePath: string | undefined): void {
  const problems: string[] = [];
  const nonAscii = bundlePath && /[^\p{ASCII}]/u.exec(readFileSync(bundlePath, "latin1"));
  if (nonAscii)
    problems.push(
      `is not ASCII at offset ${nonAscii.index} (V8 would hold the whole source as two bytes per character)`,
    );
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      if (!EXTERNAL_PACKAGES.includes(packageOf(imported.path)))
        problems.push(`imports ${imported.path}, which dist/package.json does not install`);
    }
  }
  for (const input of Object.keys(metafile.inputs)) {
    const path = input.split(sep).join("/");
    if (/(^|\/)sandbox\/src\/|\.test\.tsx?$|\/testing\//.test(path))
      problems.push(`contains ${path}, which must not ship`);
  }
  if (problems.length > 0)
    throw new Error(`The server bundle is not deployable:\n  ${problems.join("\n  ")}`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** Builds the deployable server into `outDir`: launcher, bundle + source map, package.json. */
export async function buildServerDist(options: BuildServerDistOptions = {}): Promise<BuiltDist> {
  const outDir = resolve(options.outDir ?? join(PACKAGE_DIR, "dist"));
  const logLevel = options.logLevel ?? "warning";
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const manifest = distManifest({
    repoDir: REPO_DIR,
    workspace: "callback-server",
    externals: EXTERNAL_PACKAGES,
  });
  const bundled = await esbuild.build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: [join(PACKAGE_DIR, "src", "server.ts")],
    outfile: join(outDir, DIST_BUNDLE),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22.14",
    // Linked map without the sources themselves: traces need only file:line (and it stays small).
    sourcemap: "linked",
    sourcesContent: false,
    // Names stay as written without keepNames: identifiers are not minified. keepNames would
    // wrap every function expression in a `__name()` call that runs each time the closure is
    // made (axios' headers, pino's redaction: 1.5 % of a journey's CPU); only a name esbuild had
    // to change to avoid a clash (`plugin2`) differs from the source, and the source map knows it.
    // No comments (several dependencies' are not ASCII, see asciiPages); the source map still
    // gives each stack frame its src/ line (WXDESK_SOURCE_MAPS=1, dist-launcher.ts).
    minifyWhitespace: !options.readable,
    external: [...EXTERNAL_PACKAGES],
    plugins: [sandboxStandIn, asciiPages, builtinsThroughRequire, axiosLazyGlobals],
    // Licence notices go beside the bundle (bundle/server.js.LEGAL.txt): one of them is not ASCII.
    legalComments: "external",
    banner: { js: ESM_BANNER },
    // GET /admin/api/info reports it; the bundle cannot find package.json the way src/ does.
    // WXDESK_WORKERS defaults to the CPU count here, to 1 from source (src/cluster/worker-count.ts).
    define: { __WXDESK_SERVER_VERSION__: JSON.stringify(manifest.version), __WXDESK_DEPLOYABLE__: "true" },
    metafile: true,
    logLevel,
  });
  checkBundle(bundled.metafile, options.readable ? undefined : join(outDir, DIST_BUNDLE));

  // The launcher checks the Node.js version before anything else loads: it must itself run on an
  // old Node.js (ES modules with top-level await: 14.8), so it is built for that, not for the server's.
  minimumFromEngines(manifest.engines.node);
  await esbuild.build({
    entryPoints: [join(HERE, "dist-launcher.ts")],
    outfile: join(outDir, DIST_ENTRY),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node14.8",
    charset: "utf8",
    define: { __WXDESK_NODE_ENGINES__: JSON.stringify(manifest.engines.node) },
    logLevel,
  });

  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, files: listFiles(outDir), manifest, metafile: bundled.metafile };
}
