import { createRequire, registerHooks } from "node:module";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";

/** One thing a scanner reported, in a form a list of accepted findings can name. */
export interface Finding {
  /** The check (`PRELOAD_JS_CHECK`, `CSP_EVALUATOR(script-src 'self')`). */
  id: string;
  /** Relative to the electron/ folder, `/`-separated; `N/A` for app-wide findings. */
  file: string;
  line: number;
  description: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the scanner could not read: they were not checked, which is a failure of its own. */
  unreadable: Array<{ file: string; message: string }>;
}

interface ElectronegativityIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}

type ElectronegativityRun = (
  options: {
    input: string;
    electronVersionOverride: string;
    customScan: string[];
    excludeFromScan: string[];
  },
  forCli: false,
) => Promise<{
  issues: ElectronegativityIssue[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}>;

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => { evaluate(): Array<{ severity: number; directive: string; value?: string; description: string }> };
  Version: { CSP3: unknown };
  severities: Record<
    "HIGH" | "SYNTAX" | "MEDIUM" | "HIGH_MAYBE" | "STRICT_CSP" | "MEDIUM_MAYBE" | "INFO",
    number
  >;
}

const ELECTRON_DIR = join(import.meta.dirname, "..", "..", "..");
const fromElectron = createRequire(join(ELECTRON_DIR, "package.json"));
const ELECTRONEGATIVITY_PACKAGE = fromElectron.resolve("@doyensec/electronegativity/package.json");
const fromElectronegativity = createRequire(ELECTRONEGATIVITY_PACKAGE);
const OFFLINE_GOT = "wxdesk-offline:got";

let hooked = false;

/**
 * electronegativity (1.10) loads `@typescript-eslint/typescript-estree`, which npm hoists to the root
 * node_modules, where `typescript` is this repository's TypeScript 7 — a compiler without the JavaScript
 * API that parser needs. electronegativity ships the TypeScript 4.2 it was built with: the parser gets
 * that one. (It parses our .ts files with Babel first; the TypeScript parser is only its fallback.)
 * It also fetches translations and Electron's release list over the network; a scan in `npm test` must
 * not depend on the network, so its `got` answers 404 at once (it then uses its bundled English texts;
 * the release-list check is excluded below — `npm outdated electron` is the place for that).
 */
function hookElectronegativityImports(): void {
  if (hooked) return;
  hooked = true;
  const typescript4 = pathToFileURL(fromElectronegativity.resolve("typescript")).href;
  const electronegativityDir = pathToFileURL(join(ELECTRONEGATIVITY_PACKAGE, "..")).href;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL ?? "";
      if (specifier === "typescript" && /\/node_modules\/(@typescript-eslint\/|tsutils\/)/.test(parent)) {
        return { url: typescript4, format: "commonjs", shortCircuit: true };
      }
      if (specifier === "got" && parent.startsWith(electronegativityDir)) {
        return { url: OFFLINE_GOT, format: "commonjs", shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (url !== OFFLINE_GOT) return nextLoad(url, context);
      // Every request "answers" 404: translations stay the bundled English ones, quietly.
      const source =
        "const got = () => Promise.resolve({ statusCode: 404, headers: {}, body: '' });" +
        "got.head = () => Promise.reject(new Error('offline')); module.exports = got;";
      return { format: "commonjs", source, shortCircuit: true };
    },
  });
}

function relativeToElectron(file: string): string {
  return file === "N/A" ? file : relative(ELECTRON_DIR, file).split(sep).join("/");
}

/** A folder or file (relative to electron/) and, optionally, the only checks to run on it. */
export interface ScanTarget {
  path: string;
  /** electronegativity's check class names; absent: all of them (its app-wide checks included). */
  checks?: string[];
}

/**
 * Runs electronegativity over each target for the installed Electron version.
 * `AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK` needs the network and is left out.
 */
export async function scanWithElectronegativity(targets: ScanTarget[]): Promise<ScanResult> {
  hookElectronegativityImports();
  const run = fromElectronegativity("./dist/runner.js") as ElectronegativityRun;
  const electronVersion = (fromElectron("electron/package.json") as { version: string }).version;
  const result: ScanResult = { findings: [], unreadable: [] };
  for (const target of targets) {
    const { issues, errors } = await run(
      {
        input: join(ELECTRON_DIR, target.path),
        electronVersionOverride: electronVersion,
        customScan: target.checks ?? [],
        // Named only when it would run: electronegativity exits the process on an exclusion it has not loaded.
        excludeFromScan: target.checks ? [] : ["AvailableSecurityFixesGlobalCheck"],
      },
      false,
    );
    for (const error of errors.filter((e) => !e.tolerable)) {
      result.unreadable.push({ file: relativeToElectron(error.file), message: error.message });
    }
    for (const issue of issues) {
      result.findings.push({
        id: issue.id,
        file: relativeToElectron(issue.file),
        line: issue.location.line,
        description: issue.description,
      });
    }
  }
  return result;
}

/**
 * Our CSP through the evaluator electronegativity's `CSP_GLOBAL_CHECK` uses (Google's CSP Evaluator):
 * that check only finds a policy set through `webRequest` or a `<meta>` tag, while ours is a response
 * header of the `app://` handler and the web bridge. Everything from `INFO` up is reported, as the
 * check would (it flags HIGH/MEDIUM as a weak CSP and the `_MAYBE` ones for review).
 */
export function evaluateCsp(policy: string, file: string): Finding[] {
  const csp = fromElectronegativity("@doyensec/csp-evaluator") as CspEvaluatorModule;
  const parsed = new csp.CspParser(policy);
  return new csp.CspEvaluator(parsed.csp, csp.Version.CSP3)
    .evaluate()
    .filter((finding) => finding.severity < csp.severities.INFO)
    .map((finding) => ({
      id: `CSP_EVALUATOR(${finding.directive}${finding.value ? ` ${finding.value}` : ""})`,
      file,
      line: 0,
      description: finding.description,
    }));
}
