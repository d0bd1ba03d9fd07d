import { createHash } from "node:crypto";

/** Inline bodies are constants of the pages: a few, hashed once each instead of on every render. */
const hashes = new Map<string, string>();
const MAX_REMEMBERED = 64;

/** `'sha256-…'` source for an inline `<script>` or `<style>` body, exactly as served. */
export function cspHash(body: string): string {
  const known = hashes.get(body);
  if (known) return known;
  const hash = `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
  if (hashes.size < MAX_REMEMBERED) hashes.set(body, hash);
  return hash;
}

/** The JS-SDK script WeChat documents for `wx.config` (the only third-party script we load). */
export const JWEIXIN_SRC = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js";

/**
 * A strict policy: nothing inline runs unless its hash is listed (no nonce needed, so pages can
 * be cached byte-for-byte). Avatars come from WeChat's CDN (http or https) or the sandbox.
 */
export function contentSecurityPolicy(p: {
  styleHashes: string[];
  scriptHashes: string[];
  jweixin: boolean;
}): string {
  const scripts = [...p.scriptHashes, ...(p.jweixin ? ["https://res.wx.qq.com"] : [])];
  return [
    "default-src 'none'",
    `style-src ${p.styleHashes.join(" ")}`,
    `script-src ${scripts.length > 0 ? scripts.join(" ") : "'none'"}`,
    "img-src 'self' https: http: data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
