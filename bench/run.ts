import { type Figures, mergeResults, printTable } from "./lib/results.js";
import { sandboxThroughput } from "./suites/sandbox-throughput.js";

/** Every suite, by name; `npm run bench -- sandbox` runs only the ones named. */
const SUITES: Record<string, () => Promise<Figures>> = {
  sandbox: sandboxThroughput,
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
const all: Figures = {};
for (const name of names) {
  const suite = SUITES[name];
  if (!suite) throw new Error(`unknown bench suite "${name}"; known: ${Object.keys(SUITES).join(", ")}`);
  const figures = await suite();
  printTable(`[${name}]`, figures);
  Object.assign(all, figures);
}
await mergeResults(all);
console.log("\nwritten to bench/results.json");
