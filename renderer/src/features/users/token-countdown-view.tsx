import { useT } from "../../i18n/use-t.js";
import { countdownParts, formatCountdown } from "./token-countdown.js";
import { tokenMessages } from "./token-messages.js";
import { useNow } from "./use-now.js";

/** A countdown to the second that ticks by itself; only this element re-renders each second. */
export function TokenCountdownView({ expiresAt }: { expiresAt: number }) {
  const t = useT(tokenMessages);
  const now = useNow(1000);
  const parts = countdownParts(expiresAt, now);
  return (
    // role=timer: screen readers do not announce every tick (it is not a live region by default).
    <span role="timer" className={`token-countdown ${parts.expired ? "token-countdown--expired" : ""}`}>
      {formatCountdown(parts, t)}
    </span>
  );
}
