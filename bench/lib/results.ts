import { readFile, writeFile } from "node:fs/promises";

export interface Figure {
  value: number;
  unit: string;
}
export type Figures = Record<string, Figure>;

const RESULTS_URL = new URL("../results.json", import.meta.url);

/** Merge this run's figures into bench/results.json: other suites' (and issues') figures stay. */
export async function mergeResults(figures: Figures): Promise<Figures> {
  let previous: Figures = {};
  try {
    previous = JSON.parse(await readFile(RESULTS_URL, "utf8")) as Figures;
  } catch {
    // first run: no file yet
  }
  const merged = { ...previous, ...figures };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(RESULTS_URL, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

export function printTable(title: string, figures: Figures): void {
  const rows = Object.entries(figures);
  const width = Math.max(...rows.map(([name]) => name.length), 4);
  console.log(`\n${title}`);
  console.log(`${"name".padEnd(width)}  ${"value".padStart(12)}  unit`);
  for (const [name, { value, unit }] of rows) {
    console.log(`${name.padEnd(width)}  ${formatValue(value).padStart(12)}  ${unit}`);
  }
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
