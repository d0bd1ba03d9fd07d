// The layer table of DESIGN.md ("Layout (top level)") and renderer/CONVENTIONS.md, as rules that
// `npm run lint` checks on every import. docs/layers.md explains each rule and how to read a violation.
// Paths are the files' real paths from the repository root: a workspace import (`@wxdesk/wechat/menu`)
// resolves through its package.json `exports` to the file it names (`wechat/src/menu/index.ts`).

/** What a test may import and shipping code may not: test files, test kits (`testing/` folders), e2e/, bench/. */
const TEST_KITS = ["\\.(test|spec)\\.tsx?$", "(^|/)testing/", "^(e2e|bench)/"];
/** Code that only tests run: the above and the test runners' configs. */
const TEST_CODE = [...TEST_KITS, "^(playwright|vitest)\\.config\\.ts$"];
const PACKAGES = "(wechat|sandbox|callback-server|electron|renderer)";
/** Libraries that make an app out of code (servers, UI, desktop, storage): never in the protocol core. */
const FRAMEWORKS =
  "^node_modules/(fastify|@fastify/[^/]+|fastify-plugin|react|react-dom|zustand|@tanstack/[^/]+|@dnd-kit/[^/]+|electron|electron-builder|keytar|ioredis|better-sqlite3|pino|vite|express|koa|eventsource|proper-lockfile|write-file-atomic|qrcode)/";
/** The sandbox's allowed `@wxdesk/wechat` entry points (package.json `exports`), see the rule's comment. */
const SANDBOX_WECHAT_ENTRIES = "^wechat/src/(messages|jssdk|html|plain-words)/index\\.ts$";
/** The renderer's allowed `@wxdesk/wechat` entry points: pure and browser-safe (renderer/CONVENTIONS.md §1). */
const RENDERER_WECHAT_ENTRIES = "^wechat/src/(menu|authorize|replies|plain-words)/index\\.ts$";
/** A package entry point: `src/index.ts` (the root) or `src/<folder>/index.ts` (a subpath export). */
const ENTRY_POINTS = `^${PACKAGES}/src/(index|[^/]+/index)\\.ts$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ── every package ──────────────────────────────────────────────────────────────────────────────
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Import cycles (type-only ones too) make a module's meaning depend on load order: move the shared " +
        "type or value into a file of its own that both sides import, or invert the dependency.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import that does not resolve: a typo, a missing package, or a deep path into a workspace that " +
        "its package.json `exports` does not offer (import the package entry point instead).",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "not-to-undeclared-package",
      severity: "error",
      comment:
        "Every npm package a workspace imports is in its package.json (or, for test tools, the root one): " +
        "an undeclared import works only by the luck of hoisting and breaks the server's deployable build.",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
    {
      name: "no-relative-import-across-packages",
      severity: "error",
      comment:
        "A package reaches another one through its name (`@wxdesk/wechat/menu`), never a relative path " +
        "into its folder: the package.json `exports` are the only doors (e2e/ and bench/ may use any path).",
      from: { path: `^${PACKAGES}/` },
      // A workspace import is typed `aliased-workspace` (it resolves through node_modules/@wxdesk/…).
      to: { path: `^${PACKAGES}/`, pathNot: "^$1/", dependencyTypesNot: ["aliased-workspace"] },
    },
    {
      name: "production-not-to-test-kit",
      severity: "error",
      comment:
        "Shipping code never imports a test kit (`testing/` folders, `*.test.ts`, e2e/, bench/): kits start " +
        "sandboxes, hold fixture secrets and fake servers. Tests, kits, e2e and bench may import them.",
      from: { pathNot: TEST_CODE },
      to: { path: TEST_KITS },
    },

    // ── wechat/: the protocol core ──────────────────────────────────────────────────────────────────
    {
      name: "wechat-imports-nothing-of-ours",
      severity: "error",
      comment: "DESIGN.md: wechat/ is the bottom layer; it may import nothing of ours.",
      from: { path: "^wechat/" },
      to: { path: "^(sandbox|callback-server|electron|renderer|e2e|bench|build)/" },
    },
    {
      name: "wechat-imports-no-framework",
      severity: "error",
      comment:
        "DESIGN.md: wechat/ is pure — no server, UI, desktop or storage framework; it takes an HTTP base URL " +
        "and never reads env vars, so the same code runs in the server, the desktop and the browser.",
      from: { path: "^wechat/" },
      to: { path: FRAMEWORKS },
    },
    {
      name: "wechat-imports-only-its-dependencies",
      severity: "error",
      comment:
        "wechat/'s shipping code imports only Node and what wechat/package.json `dependencies` lists " +
        "(axios, fast-xml-parser, undici, zod); test tools stay in its tests. (A package the root also " +
        "lists for its tools, as undici for the bench's load client, counts as wechat's own.)",
      from: { path: "^wechat/", pathNot: TEST_CODE },
      to: { dependencyTypes: ["npm-dev", "npm-peer", "npm-optional"], dependencyTypesNot: ["npm"] },
    },

    // ── sandbox/: WeChat's stand-in ─────────────────────────────────────────────────────────────────
    {
      name: "sandbox-imports-only-wechat",
      severity: "error",
      comment: "DESIGN.md: the sandbox stands in for WeChat; of ours it may import wechat/ only.",
      from: { path: "^sandbox/" },
      to: { path: "^(callback-server|electron|renderer|e2e|bench)/" },
    },
    {
      name: "sandbox-uses-wechat-protocol-helpers",
      severity: "error",
      comment:
        "The sandbox signs, encrypts and parses like WeChat does, through @wxdesk/wechat/messages (XML, " +
        "push signature, AES safe mode) and /jssdk (ticket signature), and escapes its pages with /html (the " +
        "callback server's one escaper). It judges on its own: not " +
        "/menu or /authorize (the client's menu validator and appid check — the stand-in has its own rules " +
        "in sandbox/src/rules/, or a bug in the validator could never show in a test), never the root (the " +
        "API client: the stand-in must not talk like the caller it stands in for). Tests and kits may.",
      from: { path: "^sandbox/", pathNot: TEST_CODE },
      to: { path: "^wechat/", pathNot: SANDBOX_WECHAT_ENTRIES },
    },

    // ── callback-server/ ────────────────────────────────────────────────────────────────────────────
    {
      name: "callback-server-imports-only-wechat-and-sandbox",
      severity: "error",
      comment: "DESIGN.md: the callback server imports wechat/ (and the sandbox for its --sandbox mode).",
      from: { path: "^callback-server/" },
      to: { path: "^(electron|renderer|e2e|bench)/" },
    },
    {
      name: "callback-server-sandbox-only-in-sandbox-mode",
      severity: "error",
      comment:
        "The deployable server holds no stand-in: only the `--sandbox` entry (src/server.ts, which the " +
        "build replaces with build/sandbox-unavailable.ts), tests and test kits import @wxdesk/sandbox.",
      from: { path: "^callback-server/", pathNot: ["^callback-server/src/server\\.ts$", ...TEST_CODE] },
      to: { path: "^sandbox/" },
    },

    // ── electron/ ───────────────────────────────────────────────────────────────────────────────────
    {
      name: "electron-imports-package-entry-points",
      severity: "error",
      comment:
        "The desktop runs wechat/, callback-server/ and sandbox/ as packages: only their entry points " +
        "(package.json `exports`: src/index.ts, src/<subpath>/index.ts), never a file inside.",
      from: { path: "^electron/" },
      to: { path: "^(wechat|sandbox|callback-server)/", pathNot: ENTRY_POINTS },
    },
    {
      name: "electron-not-to-renderer",
      severity: "error",
      comment: "The main process serves the built UI (renderer/dist) as files; it imports no renderer code.",
      from: { path: "^electron/" },
      to: { path: "^(renderer|e2e|bench)/" },
    },

    // ── renderer/ ───────────────────────────────────────────────────────────────────────────────────
    {
      name: "renderer-electron-types-only",
      severity: "error",
      comment:
        "The renderer talks only to DeskApi through window.wxdesk: from electron/ it takes types " +
        '(`import type … from "@wxdesk/electron/desk-api"`), never code (that would be Node in the page).',
      from: { path: "^renderer/" },
      to: { path: "^electron/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "renderer-wechat-browser-safe-entries",
      severity: "error",
      comment:
        "The renderer imports wechat/ only through its pure, browser-safe entry points " +
        "(@wxdesk/wechat/menu, /authorize, /replies, /plain-words); the root pulls axios and Node code into the bundle.",
      from: { path: "^renderer/" },
      to: { path: "^wechat/", pathNot: RENDERER_WECHAT_ENTRIES },
    },
    {
      name: "renderer-not-to-servers",
      severity: "error",
      comment: "DESIGN.md: the renderer never does I/O itself; the servers are behind DeskApi.",
      from: { path: "^renderer/" },
      to: { path: "^(sandbox|callback-server|e2e|bench)/" },
    },
    {
      name: "renderer-no-node",
      severity: "error",
      comment: "The UI runs in a sandboxed page: no Node module in its shipping code (tests may read files).",
      from: { path: "^renderer/src/", pathNot: TEST_CODE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "renderer-i18n-imports-nothing-above",
      severity: "error",
      comment:
        "renderer/CONVENTIONS.md §1: i18n/ is the bottom layer of the UI (words and formats); the shell " +
        "hands it the language (i18n/lang-store.ts), it does not read the app store.",
      from: { path: "^renderer/src/i18n/", pathNot: TEST_CODE },
      to: { path: "^renderer/src/(app|ui|shared|features)/" },
    },
    {
      name: "renderer-ui-imports-i18n-and-desk",
      severity: "error",
      comment: "renderer/CONVENTIONS.md §1: ui/ → i18n/ and app/desk.ts only.",
      from: { path: "^renderer/src/ui/", pathNot: TEST_CODE },
      to: { path: ["^renderer/src/(shared|features)/", "^renderer/src/app/(?!desk\\.ts$)"] },
    },
    {
      name: "renderer-shared-below-features",
      severity: "error",
      comment: "renderer/CONVENTIONS.md §1: shared/ holds what features share; it imports no feature.",
      from: { path: "^renderer/src/shared/", pathNot: TEST_CODE },
      to: { path: "^renderer/src/features/" },
    },
    {
      name: "renderer-feature-not-to-feature",
      severity: "error",
      comment:
        "renderer/CONVENTIONS.md §1: a feature never imports another feature; move what two need to shared/.",
      from: { path: "^renderer/src/features/([^/]+)/", pathNot: TEST_CODE },
      to: { path: "^renderer/src/features/", pathNot: "^renderer/src/features/$1/" },
    },
    {
      name: "renderer-app-stores-below-features",
      severity: "error",
      comment:
        "app/ is the shell: its stores (app-store, nav-store, desk.ts) sit below the features, which import " +
        "them; only the navigation registry (app/screens.tsx) looks up to the features' screens.",
      from: { path: "^renderer/src/app/", pathNot: ["^renderer/src/app/screens\\.tsx$", ...TEST_CODE] },
      to: { path: "^renderer/src/features/" },
    },
  ],
  options: {
    // dependency-cruiser uses TypeScript's compiler API (< 7, or the native one from 7.1); TypeScript 7.0
    // offers none it can call, so it parses with swc, which reads the TypeScript source itself, type-only
    // imports included (hence no tsc pre-compilation step either).
    parser: "swc",
    tsPreCompilationDeps: false,
    // Workspaces: the root package.json's devDependencies (test tools) count for every workspace.
    combinedDependencies: true,
    doNotFollow: { path: "node_modules" },
    // Our build output only (dist/ of the root or a workspace, .tsbuild/, Playwright's): an npm package's
    // own dist/ must stay in the graph (not followed), or the npm rules would not see its imports.
    exclude: { path: ["^dist/", "^[^/]+/dist/", "^(\\.tsbuild|test-results|playwright-report)/"] },
    // `./x.js` resolves to `./x.ts` by dependency-cruiser itself (as tsc does); `@wxdesk/*` through the
    // workspaces' package.json `exports`, so a subpath no package offers does not resolve.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    progress: { type: "none" },
    // Only what the rules above use: no instability metrics or reachability analysis.
    skipAnalysisNotInRules: true,
    moduleSystems: ["es6", "cjs"],
  },
};
