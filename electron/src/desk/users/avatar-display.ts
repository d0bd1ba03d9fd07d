/**
 * Avatar URLs as the renderer may show them. The app's CSP allows images only from itself, `data:` and
 * `https://*.qlogo.cn` (src/shared/content-security-policy.ts), so:
 *
 * - WeChat's `http://…qlogo.cn/…` avatars (wechat-protocol.md §4 lists both schemes) become https: the
 *   same hosts serve the same paths over https, and a plain-http image would let anyone on the network
 *   swap it (and see which user the admin is looking at).
 * - The local sandbox's avatars (`http://127.0.0.1:<port>/_sandbox/avatar/<openid>/<size>`, an SVG)
 *   are inlined as `data:` URLs, fetched from the sandbox running now. Allowing the sandbox's origin
 *   in the CSP would not work: the policy is fixed when the page loads, while the sandbox starts, stops
 *   and gets a new port on every start — and stored users keep the port of the run that saw them.
 * - Anything else is left as it is: the CSP refuses it and the renderer shows the nickname's first
 *   character instead.
 */

const SANDBOX_AVATAR_PATH = /^\/_sandbox\/avatar\/[A-Za-z0-9_-]{1,64}\/(0|46|64|96|132)$/;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost", "[::1]"]);
/** The sandbox's SVGs are a few hundred bytes; anything much bigger is not one. */
const MAX_SVG_BYTES = 16 * 1024;
const FETCH_TIMEOUT_MS = 3000;
/** One entry per avatar shown; a long session in the local sandbox never holds more than this many. */
const MAX_CACHED = 2000;

export interface AvatarDisplay {
  /** The URL to hand the renderer, or undefined when there is nothing it may show. */
  show(url: string | undefined): Promise<string | undefined>;
}

/**
 * `localSandboxUrl()` is the running local sandbox's base URL while the local profile is active (else
 * undefined: a remote profile's loopback URLs are not fetched — they would point at whatever listens
 * on this machine).
 */
export function avatarDisplay(localSandboxUrl: () => string | undefined): AvatarDisplay {
  const cache = new Map<string, string>();

  async function inline(sandboxUrl: string, path: string): Promise<string | undefined> {
    const source = `${sandboxUrl}${path}`;
    const cached = cache.get(source);
    if (cached !== undefined) return cached;
    try {
      const response = await fetch(source, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      const type = response.headers.get("content-type") ?? "";
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok || !type.startsWith("image/svg+xml") || body.length > MAX_SVG_BYTES) return undefined;
      const dataUrl = `data:image/svg+xml;base64,${body.toString("base64")}`;
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(source, dataUrl);
      return dataUrl;
    } catch {
      return undefined;
    }
  }

  return {
    async show(url) {
      if (url === undefined || url === "") return undefined;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return undefined;
      }
      if (parsed.protocol === "http:" && parsed.hostname.endsWith(".qlogo.cn")) {
        parsed.protocol = "https:";
        return parsed.href;
      }
      if (
        parsed.protocol === "http:" &&
        LOOPBACK_HOSTS.has(parsed.hostname) &&
        SANDBOX_AVATAR_PATH.test(parsed.pathname)
      ) {
        const sandboxUrl = localSandboxUrl();
        return sandboxUrl === undefined ? undefined : await inline(sandboxUrl, parsed.pathname);
      }
      return url;
    },
  };
}
