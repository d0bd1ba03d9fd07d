import { readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, relative } from "node:path";
import { parseSync } from "@swc/core";

/** Folders no source of ours lives in: installs and build output. */
const SKIPPED = new Set(["node_modules", "dist", ".tsbuild", "test-results", "playwright-report"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
/**
 * Module specifiers in a source file, read by a parser (swc, as the layer rules' dependency-cruiser): static
 * imports and re-exports, `import("x")` and `require("x")` with a literal. Text that merely looks like an
 * import — the code 接入应用 hands developers, inside a template string — is no import.
 */
function specifiersIn(path: string): string[] {
  const tsx = path.endsWith(".tsx");
  const typescript = /\.(ts|tsx|mts|cts)$/.test(path);
  const program = parseSync(readFileSync(path, "utf8"), {
    syntax: typescript ? "typescript" : "ecmascript",
    ...(typescript ? { tsx } : { jsx: false }),
    target: "es2022",
  });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as {
      type?: string;
      source?: { value?: unknown };
      callee?: { type?: string; value?: string };
      arguments?: Array<{ expression?: { type?: string; value?: unknown } }>;
    };
    if (
      (n.type === "ImportDeclaration" ||
        n.type === "ExportAllDeclaration" ||
        n.type === "ExportNamedDeclaration") &&
      typeof n.source?.value === "string"
    )
      found.push(n.source.value);
    if (
      n.type === "CallExpression" &&
      (n.callee?.type === "Import" || (n.callee?.type === "Identifier" && n.callee.value === "require"))
    ) {
      const first = n.arguments?.[0]?.expression;
      if (first?.type === "StringLiteral" && typeof first.value === "string") found.push(first.value);
    }
    for (const value of Object.values(node)) if (typeof value === "object" && value !== null) visit(value);
  };
  visit(program.body);
  return found;
}

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
    for (const specifier of specifiersIn(path)) {
      if (specifier.startsWith(".") || specifier.startsWith("/") || isBuiltin(specifier)) continue;
      found.push({ packageName: packageOf(specifier), file: relative(dir, path) });
    }
  }
  return found;
}
