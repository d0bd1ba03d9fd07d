import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** Test-only: programs of this machine the deploy checks use (nginx, openssl, systemd-analyze). */

export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
}

/**
 * The path of a program a check needs. Missing, the check is skipped with a printed reason —
 * except under CI=true, where a missing program is a failure, never a silent skip (.ci/run
 * installs them).
 */
export function requiredTool(name: string, purpose: string): string | undefined {
  const path = which(name);
  if (path) return path;
  if (process.env.CI === "true")
    throw new Error(`${name} is required when CI=true (${purpose}); .ci/run installs it.`);
  console.warn(`[wxdesk] ${name} not installed: skipping ${purpose}.`);
  return undefined;
}
