import { utcDay } from "./store-input.js";
import type { EventInput, EventStats } from "./store-types.js";

const AUTH = "auth";
const FAIL = "fail:";

export interface CounterRow {
  day: string;
  metric: string;
  n: number;
}

/** The counters one event bumps; stats read these instead of scanning the log. */
export function countersFor(event: EventInput): Array<{ day: string; metric: string }> {
  const day = utcDay(event.at);
  if (event.type === "authorization") return [{ day, metric: AUTH }];
  if (event.type === "failure") return [{ day, metric: FAIL + errcodeOf(event.data) }];
  return [];
}

export function statsFromCounters(rows: Iterable<CounterRow>, dayFrom: string): EventStats {
  const stats: EventStats = { authorizationsPerDay: {}, failuresByErrcode: {} };
  for (const { day, metric, n } of rows) {
    if (day < dayFrom) continue;
    if (metric === AUTH) {
      stats.authorizationsPerDay[day] = (stats.authorizationsPerDay[day] ?? 0) + n;
    } else if (metric.startsWith(FAIL)) {
      const code = metric.slice(FAIL.length);
      stats.failuresByErrcode[code] = (stats.failuresByErrcode[code] ?? 0) + n;
    }
  }
  return stats;
}

function errcodeOf(data: Record<string, unknown>): string {
  const code = data.errcode;
  return typeof code === "number" || (typeof code === "string" && code !== "") ? String(code) : "unknown";
}
