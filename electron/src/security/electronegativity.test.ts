import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../shared/content-security-policy.js";
import { type AcceptedFinding, parseAcceptedFindings, reconcile } from "./testing/accepted-findings.js";
import {
  evaluateCsp,
  type Finding,
  type ScanResult,
  scanWithElectronegativity,
} from "./testing/electronegativity-scan.js";

/**
 * electronegativity over the desktop app's code (electron/src and its package.json), plus our CSP
 * through the evaluator its CSP check uses. Every finding must be explained in docs/electron-security.md
 * (check, file, count, why); a new one — or one more of a kind in a file — fails here until it is fixed
 * or explained, and an explanation nothing matches any more fails too.
 */
const electronDir = join(import.meta.dirname, "..", "..");
const docPath = join(electronDir, "..", "docs", "electron-security.md");
const CSP_FILE = "src/shared/content-security-policy.ts";

let scan: ScanResult;
let accepted: AcceptedFinding[];

beforeAll(async () => {
  scan = await scanWithElectronegativity([
    { path: "src" },
    // The manifest's own checks only: run alone, the app-wide checks would find no code to look at.
    { path: "package.json", checks: ["CustomArgumentsJSONCheck", "SecurityWarningsDisabledJSONCheck"] },
  ]);
  accepted = parseAcceptedFindings(await readFile(docPath, "utf8"));
}, 120_000);

const describeFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.id} in ${f.file}:${f.line} — ${f.description}`).join("\n");

describe("electronegativity", () => {
  it("read every file it was given", () => {
    expect(scan.unreadable).toEqual([]);
  });

  it("finds nothing that docs/electron-security.md does not explain, and every explanation still applies", () => {
    const findings = [...scan.findings, ...evaluateCsp(CONTENT_SECURITY_POLICY, CSP_FILE)];
    const { unexplained, stale } = reconcile(findings, accepted);
    expect(
      unexplained,
      `Fix these or explain them in docs/electron-security.md:\n${describeFindings(unexplained)}`,
    ).toEqual([]);
    expect(
      stale,
      "These explanations match nothing any more: remove them from docs/electron-security.md",
    ).toEqual([]);
  });

  it("fails on a new finding: a window without context isolation or web security is explained nowhere", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wxdesk-scan-probe-"));
    try {
      await writeFile(
        join(dir, "risky-window.ts"),
        'import { BrowserWindow } from "electron";\nnew BrowserWindow({ webPreferences: { contextIsolation: false, webSecurity: false } });\n',
      );
      const probe = await scanWithElectronegativity([{ path: relative(electronDir, dir) }]);
      const { unexplained } = reconcile(probe.findings, accepted);
      expect(unexplained.map((f) => f.id)).toEqual(
        expect.arrayContaining(["CONTEXT_ISOLATION_JS_CHECK", "WEB_SECURITY_JS_CHECK"]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the CSP evaluation would catch a plain-http image source (what img-src allowed before)", () => {
    const weakened = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' http://127.0.0.1:*");
    const { unexplained } = reconcile(evaluateCsp(weakened, CSP_FILE), accepted);
    expect(unexplained.map((f) => f.id)).toEqual(["CSP_EVALUATOR(img-src http://127.0.0.1:*)"]);
  });
});

describe("the accepted-findings table", () => {
  it("counts: one more finding of an explained kind in the same file is unexplained", () => {
    const explained: AcceptedFinding[] = [
      { id: "X_CHECK", file: "src/a.ts", count: 1, why: "reviewed: reasons given here" },
    ];
    const one: Finding = { id: "X_CHECK", file: "src/a.ts", line: 3, description: "d" };
    expect(reconcile([one], explained)).toEqual({ unexplained: [], stale: [] });
    expect(reconcile([one, { ...one, line: 9 }], explained).unexplained).toHaveLength(2);
    expect(reconcile([{ ...one, file: "src/b.ts" }], explained).unexplained).toHaveLength(1);
    expect(reconcile([], explained).stale).toEqual([
      { id: "X_CHECK", file: "src/a.ts", explained: 1, found: 0 },
    ]);
  });

  it("refuses a row without a reason", () => {
    const table = (row: string) =>
      `<!-- accepted-findings:start -->\n| check | file | count | why |\n| --- | --- | --- | --- |\n${row}\n<!-- accepted-findings:end -->`;
    expect(
      parseAcceptedFindings(table("| `X_CHECK` | `src/a.ts` | 2 | reviewed: the reason is written here |")),
    ).toEqual([{ id: "X_CHECK", file: "src/a.ts", count: 2, why: "reviewed: the reason is written here" }]);
    expect(() => parseAcceptedFindings(table("| `X_CHECK` | `src/a.ts` | 1 | ok |"))).toThrow(/reason/);
    expect(() => parseAcceptedFindings("no table")).toThrow(/accepted-findings/);
  });
});
