import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bareImports } from "./source-imports.js";

const dir = mkdtempSync(join(tmpdir(), "wxdesk-imports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bareImports", () => {
  it("finds static, re-exported, dynamic and required packages — not code inside a string", () => {
    mkdirSync(join(dir, "src"));
    writeFileSync(
      join(dir, "src", "a.ts"),
      [
        'import type { A } from "@scope/types/sub";',
        'import b from "bee";',
        'export * from "sea";',
        'import "./local.js";',
        'import { readFileSync } from "node:fs";',
        'const d = await import("dee");',
        'const e = require("eee");',
        'const snippet = `import * as client from "openid-client";`;',
        'const text = "require(\\"not-a-package\\")";',
        "export const all = [b, d, e, snippet, text, readFileSync] as unknown as A;",
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "src", "b.tsx"),
      'import { useState } from "react";\nexport const C = () => <b>{String(useState)}</b>;\n',
    );
    const names = bareImports(dir).map((found) => `${found.file}:${found.packageName}`);
    expect(names.sort()).toEqual(
      [
        "src/a.ts:@scope/types",
        "src/a.ts:bee",
        "src/a.ts:dee",
        "src/a.ts:eee",
        "src/a.ts:sea",
        "src/b.tsx:react",
      ].sort(),
    );
  });
});
