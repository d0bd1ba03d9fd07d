import { isIP } from "node:net";

/** proxy-addr's names for address ranges (what Fastify's `trustProxy` understands besides addresses). */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * One `WXDESK_TRUST_PROXY` entry in its canonical form, or undefined when it is not one:
 * an IPv4/IPv6 address, a CIDR network (`10.0.0.0/8`, `fd00::/8`), or `loopback` / `linklocal` /
 * `uniquelocal`. A prefix of 0 (`0.0.0.0/0`, `::/0`) means "every address" and is refused like
 * `true` and `*`: trusting every sender's `X-Forwarded-For` lets any client claim any IP, and the
 * admin key throttle counts per IP.
 */
export function trustedProxyEntry(raw: string): string | undefined {
  const entry = raw.trim().toLowerCase();
  if (RANGE_NAMES.has(entry)) return entry;
  const slash = entry.indexOf("/");
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return undefined;
  if (slash < 0) return address;
  const prefix = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return undefined;
  const bits = Number(prefix);
  return bits >= 1 && bits <= (family === 4 ? 32 : 128) ? `${address}/${bits}` : undefined;
}

function entries(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** True when every comma-separated entry is a `trustedProxyEntry` (and there is at least one). */
export function isTrustedProxyList(value: string): boolean {
  const list = entries(value);
  return list.length > 0 && list.every((entry) => trustedProxyEntry(entry) !== undefined);
}

/** The validated list, canonical and without repeats (what Fastify's `trustProxy` gets). */
export function parseTrustedProxies(value: string | undefined): string[] {
  return [...new Set(entries(value ?? "").map((entry) => trustedProxyEntry(entry) ?? ""))].filter(Boolean);
}
