/** The names a browser on this machine uses for a loopback server (the Host header carries one). */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"] as const;

/**
 * True when a Host header names a loopback server on `port`: `127.0.0.1:<port>`, `localhost:<port>` or
 * `[::1]:<port>`. A page that reached the port through DNS rebinding sends its own host name instead,
 * so servers that only ever run on loopback (the desktop's local server, the web bridge) refuse the rest.
 */
export function isLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  if (host === undefined || port === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}`);
}
