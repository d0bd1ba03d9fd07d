import { writeFile } from "node:fs/promises";
import type { Figures } from "../lib/results.js";
import type { SoakSettings } from "./soak-options.js";

export interface ScenarioReport {
  what: string;
  figures: Figures;
  /** Must-be-0 figures that were not 0 (`lost = 3`). */
  broken: string[];
}

export interface SoakReport {
  /** When the run ended (ISO time) and with what settings: figures of a `--quick` run are a smoke test. */
  finishedAt: string;
  settings: SoakSettings;
  scenarios: Record<string, ScenarioReport>;
  /** Scenarios that could not run to the end (a server that did not restart…), with why. */
  failed: Record<string, string>;
  /** Scenarios not run, with why (no redis-server here). */
  skipped: Record<string, string>;
}

export async function writeReport(path: string, report: SoakReport): Promise<void> {
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

function sumOf(figures: Figures, prefix: string): number {
  return Object.entries(figures).reduce((n, [key, { value }]) => n + (key.startsWith(prefix) ? value : 0), 0);
}

function fixed(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

/**
 * One line per scenario — the table docs/reliability.md keeps. `ended` lists the commonest ways a
 * journey did not complete.
 */
export function summaryLines(scenarios: Record<string, ScenarioReport>): string[] {
  const header = [
    "scenario",
    "done/tried",
    "done %",
    "sns/j",
    "p50 ms",
    "p99 ms",
    "500s",
    "lost",
    "js-sdk ok",
    "token fetches",
    "ended otherwise",
  ];
  const rows = Object.entries(scenarios).map(([name, { figures: f }]) => [
    name,
    `${fixed(f["journeys.completed"]?.value)}/${fixed(f["journeys.attempted"]?.value)}`,
    fixed(f["journeys.completed_share"]?.value, 1),
    fixed(f["wechat.sns_calls_per_journey"]?.value, 2),
    fixed(f["journey_ms.p50"]?.value),
    fixed(f["journey_ms.p99"]?.value),
    fixed(f.http_500?.value),
    fixed(f.lost?.value),
    `${fixed(f["jssdk_config.status_200"]?.value ?? 0)}/${fixed(sumOf(f, "jssdk_config."))}`,
    fixed(f["wechat.token_fetches"]?.value ?? 0),
    [
      ...Object.entries(f)
        .filter(([key]) => key.startsWith("ended."))
        .slice(0, 3)
        .map(([key, { value }]) => `${key.slice("ended.".length)} ${value}`),
      ...(f["retry_taps.store_unavailable"]
        ? [`(重试 tapped ${f["retry_taps.store_unavailable"].value}×)`]
        : []),
    ].join(", "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)];
}
