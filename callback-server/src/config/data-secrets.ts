import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Secrets generated on first start when not configured, reused on every later start. */
export const GENERATED_SECRETS = {
  sessionSecret: { file: "session-secret", make: () => randomBytes(48).toString("base64url") },
  tokenKey: { file: "token-key", make: () => randomBytes(32).toString("hex") },
} as const;

export type GeneratedSecretName = keyof typeof GENERATED_SECRETS;

/**
 * Reads `<dataDir>/<file>`, or creates it (mode 0600: only the server's user may read it) with a
 * fresh random value. `wx` makes creation atomic: of two servers starting at once, one writes and
 * both read the same value. Returns the trimmed content.
 */
export function readOrCreateSecret(dataDir: string, name: GeneratedSecretName): string {
  const { file, make } = GENERATED_SECRETS[name];
  const path = join(dataDir, file);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, `${make()}\n`, { flag: "wx", mode: 0o600 });
    // The umask cannot widen 0600, but a pre-set umask could narrow it oddly; be explicit.
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(path, "utf8").trim();
}
