import { readFile, rename } from "node:fs/promises";
import writeFileAtomic from "write-file-atomic";
import type { z } from "zod";

/** What happened when a JSON file was read: missing and broken files are not errors. */
export type JsonRead<T> =
  | { state: "ok"; value: T }
  | { state: "missing" }
  | { state: "broken"; keptAs: string; reason: string };

/** `settings.json.broken-2025-01-31T10-20-30-456Z`: sortable, and legal on every file system (no colons). */
export function brokenName(path: string, now: Date = new Date()): string {
  return `${path}.broken-${now.toISOString().replace(/[:.]/g, "-")}`;
}

/**
 * Reads and validates a JSON file. A file that is not JSON or breaks the schema is renamed aside
 * (`<file>.broken-<time>`, same permissions) so the app starts with defaults instead of crashing,
 * and nothing the user had is destroyed. `reason` names the problem, never the content.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<JsonRead<T>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { state: "ok", value: parsed.data };
    reason = `schema: ${parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ")}`;
  } catch {
    reason = "not JSON";
  }
  const keptAs = brokenName(path);
  await rename(path, keptAs);
  return { state: "broken", keptAs, reason };
}

/** Writes through a temp file + rename (write-file-atomic): a crash never leaves half a file. */
export async function writeJsonFile(path: string, value: unknown, mode = 0o644): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, { mode });
}
