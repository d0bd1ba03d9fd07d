import type { tokenMessages } from "./token-messages.js";

export interface CountdownParts {
  expired: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/**
 * Time left until `expiresAt`, to the second (the access token lives 2 hours, so seconds matter; the
 * shared `f.countdown` stops at minutes). A part second counts as a whole one: "0 秒" would read as over.
 */
export function countdownParts(expiresAt: number, now: number): CountdownParts {
  const left = expiresAt - now;
  if (left <= 0) return { expired: true, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const total = Math.ceil(left / 1000);
  return {
    expired: false,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** Either language's token words (both dictionaries have the same shape). */
export type TokenWords = (typeof tokenMessages)["en"];

/** "1 小时 59 分 30 秒" / "1 h 59 min 30 s"; days drop the minutes (a 30-day countdown needs no seconds). */
export function formatCountdown(parts: CountdownParts, words: TokenWords): string {
  if (parts.expired) return words.expired;
  if (parts.days > 0) return words.countdownDays(parts.days, parts.hours);
  if (parts.hours > 0) return words.countdownHours(parts.hours, parts.minutes, parts.seconds);
  if (parts.minutes > 0) return words.countdownMinutes(parts.minutes, parts.seconds);
  return words.countdownSeconds(parts.seconds);
}
