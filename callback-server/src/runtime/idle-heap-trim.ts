import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  IDLE_TRIM_DEFAULTS,
  IdleTrimPolicy,
  type IdleTrimSettings,
  type ProcessSample,
} from "./idle-trim-policy.js";

/** What one trim did, for a debug log line. */
export interface HeapTrim {
  rssBeforeBytes: number;
  rssAfterBytes: number;
  ms: number;
}

/** The `msg` of the debug log line each trim writes. */
export const IDLE_TRIM_MESSAGE = "memory given back while idle";

const mb = (bytes: number): number => Math.round(bytes / 104857.6) / 10;

export function trimLogFields(trim: HeapTrim): { rssBeforeMb: number; rssAfterMb: number; ms: number } {
  return {
    rssBeforeMb: mb(trim.rssBeforeBytes),
    rssAfterMb: mb(trim.rssAfterBytes),
    ms: Math.round(trim.ms),
  };
}

type GcFunction = (options: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void;

/**
 * V8's collection for a system low on memory: full collections until nothing more is freed, then
 * the young generation shrunk back and the pages it pooled unmapped. An ordinary full collection
 * leaves both, and they are most of what an idle server holds (bench/README.md, "Memory at rest").
 * Node.js offers it only through `gc()`, which exists with --expose-gc: the flag set now reaches
 * contexts made after it, so one new context hands over its `gc` (the main one stays without).
 */
export function lastResortCollection(): () => void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as GcFunction;
  return () => gc({ type: "major", execution: "sync", flavor: "last-resort" });
}

function sample(): ProcessSample {
  const cpu = process.cpuUsage();
  return { cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage.rss() };
}

/**
 * Gives memory back to the system when the server is quiet (IdleTrimPolicy): just after the start,
 * and a minute after a burst of requests. A trim takes 20–40 ms of this thread; a request that
 * arrives meanwhile waits that long. The timer does not keep the process alive. Returns the stop function.
 */
export function startIdleHeapTrim(
  options: { settings?: IdleTrimSettings; onTrim?: (trim: HeapTrim) => void } = {},
): () => void {
  const settings = options.settings ?? IDLE_TRIM_DEFAULTS;
  const policy = new IdleTrimPolicy(settings);
  const collect = lastResortCollection();
  const timer = setInterval(() => {
    const before = sample();
    if (!policy.tick(before)) return;
    const started = performance.now();
    collect();
    const ms = performance.now() - started;
    const after = sample();
    policy.trimmed(after);
    options.onTrim?.({ rssBeforeBytes: before.rssBytes, rssAfterBytes: after.rssBytes, ms });
  }, settings.tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
