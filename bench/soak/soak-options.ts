import type { ScenarioSettings } from "./run-scenario.js";
import { SCENARIOS, type Scenario } from "./scenarios.js";

export interface SoakSettings extends ScenarioSettings {
  quick: boolean;
}

export interface SoakOptions {
  settings: SoakSettings;
  scenarios: Scenario[];
  /** Where the figures go (JSON). */
  out: string;
}

/** A few minutes in all on a 2-core machine; `--quick` about one. */
const FULL = { journeys: 120, concurrency: 8, seconds: 90 };
const QUICK = { journeys: 24, concurrency: 4, seconds: 20 };
/** A userinfo call that times out is tried up to six times at 5 s: a journey may take 30 s and still answer. */
const REQUEST_TIMEOUT_MS = 60_000;
const DEFAULT_OUT = "bench/soak-results.json";

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not "${raw}"`);
  return value;
}

/**
 * `npm run soak [-- --quick] [-- --out file.json] [-- <scenario prefix>…]`, e.g.
 * `npm run soak -- --quick sqlite/kill-9 redis`; SOAK_JOURNEYS, SOAK_CONCURRENCY and SOAK_SECONDS
 * (per scenario) override the counts.
 */
export function readSoakOptions(argv: string[], env: NodeJS.ProcessEnv): SoakOptions {
  const quick = argv.includes("--quick") || env.SOAK_QUICK === "1";
  const base = quick ? QUICK : FULL;
  let out = DEFAULT_OUT;
  const prefixes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--quick") continue;
    if (arg === "--out") {
      out = argv[++i] ?? "";
      if (out === "") throw new Error("--out needs a file name");
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}; known: --quick, --out <file>`);
    } else {
      prefixes.push(arg);
    }
  }
  const scenarios =
    prefixes.length === 0 ? SCENARIOS : SCENARIOS.filter((s) => prefixes.some((p) => s.name.startsWith(p)));
  if (scenarios.length === 0) {
    throw new Error(
      `no scenario matches ${prefixes.join(", ")}; known: ${SCENARIOS.map((s) => s.name).join(", ")}`,
    );
  }
  return {
    settings: {
      quick,
      journeys: positiveInt(env, "SOAK_JOURNEYS", base.journeys),
      concurrency: positiveInt(env, "SOAK_CONCURRENCY", base.concurrency),
      seconds: positiveInt(env, "SOAK_SECONDS", base.seconds),
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    },
    scenarios,
    out,
  };
}
