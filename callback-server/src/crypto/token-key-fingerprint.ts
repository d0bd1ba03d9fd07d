import { createHash } from "node:crypto";

/**
 * A short, printable name for a token key: 12 hex characters of a domain-separated SHA-256. It tells
 * keys apart (what `WXDESK_ACCEPT_NEW_TOKEN_KEY` names) and reveals nothing usable about the key.
 */
export function tokenKeyFingerprint(keyHex: string): string {
  return createHash("sha256")
    .update("wxdesk token-key fingerprint\0")
    .update(keyHex.toLowerCase())
    .digest("hex")
    .slice(0, 12);
}
