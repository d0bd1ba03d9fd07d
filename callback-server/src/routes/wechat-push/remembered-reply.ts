/**
 * What the de-dup key of a push holds: the passive reply chosen for it, as plaintext reply XML (§9.3), or
 * null when the answer was `success`. WeChat re-sends a push it got no answer to (§9.3), and the user only
 * sees the answer to the delivery that got through, so a retry must get the same reply as the first
 * delivery, not `success`. The plaintext is kept, not the safe-mode envelope: each answer is encrypted
 * afresh (new nonce, new signature).
 */
interface Remembered {
  reply: string | null;
}

export function rememberReply(xml: string | undefined): string {
  const value: Remembered = { reply: xml ?? null };
  return JSON.stringify(value);
}

/** The remembered reply XML, or undefined for "answer success" (also for an unreadable or older value). */
export function recallReply(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const reply = (parsed as Partial<Remembered>).reply;
    return typeof reply === "string" ? reply : undefined;
  } catch {
    return undefined;
  }
}
