/**
 * `npm run soak`: full OAuth journeys through the real callback server against the sandbox, under
 * WeChat faults, a 40001 storm, a kill -9 and a Redis restart (bench/soak/README.md). Prints a
 * table per scenario and a summary, writes the figures as JSON; exit status 1 when a must-be-0
 * figure is not 0 or a scenario could not run.
 */
import { printTable } from "../lib/results.js";
import { startSandboxChild } from "../lib/sandbox-child.js";
import { type Deployment, startDeployment } from "./deployment.js";
import { redisMissing } from "./redis-child.js";
import { runScenario } from "./run-scenario.js";
import { brokenRules, scenarioFigures } from "./scenario-figures.js";
import type { Backend } from "./scenarios.js";
import { readSoakOptions } from "./soak-options.js";
import { type SoakReport, summaryLines, writeReport } from "./soak-report.js";

// Ctrl-C or a kill: exit through process.exit, whose hooks kill every child (servers, sandbox,
// redis-server) and remove every temp folder this run made.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => process.exit(130));
}

const options = readSoakOptions(process.argv.slice(2), process.env);
const { settings } = options;
const report: SoakReport = { finishedAt: "", settings, scenarios: {}, failed: {}, skipped: {} };
const started = Date.now();
console.log(
  `soak: ${options.scenarios.length} scenarios, ${settings.journeys} journeys each, ${settings.concurrency} at a time${settings.quick ? " (quick)" : ""}`,
);

const sandbox = await startSandboxChild();
try {
  for (const backend of ["sqlite", "redis"] as Backend[]) {
    const scenarios = options.scenarios.filter((scenario) => scenario.backend === backend);
    if (scenarios.length === 0) continue;
    const missing = backend === "redis" ? redisMissing() : undefined;
    if (missing) {
      console.warn(`\nskipped the Redis scenarios: ${missing}`);
      for (const scenario of scenarios) report.skipped[scenario.name] = missing;
      continue;
    }
    let deployment: Deployment | undefined;
    try {
      deployment = await startDeployment(backend, sandbox.url);
      for (const scenario of scenarios) {
        const result = await runScenario(scenario, deployment, sandbox.url, settings);
        const figures = scenarioFigures(result);
        const broken = brokenRules(figures);
        report.scenarios[scenario.name] = { what: scenario.what, figures, broken };
        printTable(`[${scenario.name}] ${scenario.what} — ${result.seconds.toFixed(1)} s`, figures);
        for (const rule of broken) console.error(`✗ ${scenario.name}: ${rule} (must be 0)`);
      }
    } catch (error) {
      // The deployment may be broken (a server that did not come back): its remaining scenarios are not run.
      const why = error instanceof Error ? error.message : String(error);
      console.error(`\n[${backend}] stopped: ${why}`);
      for (const scenario of scenarios) {
        if (!report.scenarios[scenario.name]) report.failed[scenario.name] = why;
      }
    } finally {
      await deployment?.close();
    }
  }
} finally {
  await sandbox.stop();
}

report.finishedAt = new Date().toISOString();
await writeReport(options.out, report);
console.log(`\nsummary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const line of summaryLines(report.scenarios)) console.log(line);
const brokenCount = Object.values(report.scenarios).filter((s) => s.broken.length > 0).length;
const failedCount = Object.keys(report.failed).length;
console.log(`\nwritten to ${options.out}`);
if (brokenCount + failedCount > 0) {
  console.error(`${brokenCount} scenario(s) broke a must-be-0 rule, ${failedCount} could not run`);
  process.exitCode = 1;
}
