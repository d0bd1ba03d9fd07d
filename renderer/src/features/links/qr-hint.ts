/**
 * What the words under a QR code should say. A phone can only open what it can reach: the local
 * sandbox's links and any loopback address point at this computer, so scanning them leads nowhere.
 * `sandbox`: the local sandbox profile (its phone window is the way to try a link); `this-computer`:
 * another profile whose server is on this computer; `phone`: scan and try it.
 */
export type QrHintKind = "sandbox" | "this-computer" | "phone";

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

export function qrHintKind(url: string, localProfile: boolean): QrHintKind {
  if (localProfile) return "sandbox";
  try {
    return isLoopback(new URL(url).hostname) ? "this-computer" : "phone";
  } catch {
    return "phone";
  }
}
