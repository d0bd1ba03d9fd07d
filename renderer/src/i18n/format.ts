import type { Lang } from "./define-messages.js";

/**
 * Dates, times, counts and countdowns per language. Everything goes through Intl so 「2025年3月1日 14:05」
 * and "Mar 1, 2025, 2:05 PM" come out right; the caller passes `now` so results are testable.
 */
export interface Formatter {
  dateTime(ms: number): string;
  date(ms: number): string;
  time(ms: number): string;
  number(value: number): string;
  /** "3 分钟前" / "3 minutes ago", "2 小时后" / "in 2 hours". */
  relative(ms: number, now: number): string;
  /** Time left until `ms`: "1 天 3 小时" / "1 d 3 h"; "已过期" / "expired" once past. */
  countdown(ms: number, now: number): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cache = new Map<Lang, Formatter>();

export function formatterFor(lang: Lang): Formatter {
  let formatter = cache.get(lang);
  if (!formatter) {
    formatter = makeFormatter(lang);
    cache.set(lang, formatter);
  }
  return formatter;
}

/** Made on first use: the first Intl object of a language costs tens of milliseconds on a cold start. */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

function makeFormatter(lang: Lang): Formatter {
  // Each Intl object only when a screen first formats with it: the menu editor, the first screen,
  // needs one at most, and building all five held up its first paint by ~40 ms (cold Chromium).
  const dateTime = once(() => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }));
  const date = once(() => new Intl.DateTimeFormat(lang, { dateStyle: "medium" }));
  const time = once(() => new Intl.DateTimeFormat(lang, { timeStyle: "short" }));
  const number = once(() => new Intl.NumberFormat(lang));
  const relative = once(() => new Intl.RelativeTimeFormat(lang, { numeric: "auto" }));
  const zh = lang === "zh-CN";
  const units = zh ? { d: " 天", h: " 小时", m: " 分钟" } : { d: " d", h: " h", m: " min" };

  return {
    dateTime: (ms) => dateTime().format(ms),
    date: (ms) => date().format(ms),
    time: (ms) => time().format(ms),
    number: (value) => number().format(value),
    relative(ms, now) {
      const diff = ms - now;
      const abs = Math.abs(diff);
      if (abs < MINUTE) return relative().format(0, "second");
      if (abs < HOUR) return relative().format(Math.round(diff / MINUTE), "minute");
      if (abs < DAY) return relative().format(Math.round(diff / HOUR), "hour");
      return relative().format(Math.round(diff / DAY), "day");
    },
    countdown(ms, now) {
      const left = ms - now;
      if (left <= 0) return zh ? "已过期" : "expired";
      const days = Math.floor(left / DAY);
      const hours = Math.floor((left % DAY) / HOUR);
      const minutes = Math.floor((left % HOUR) / MINUTE);
      if (days > 0) return `${days}${units.d}${hours > 0 ? ` ${hours}${units.h}` : ""}`;
      if (hours > 0) return `${hours}${units.h}${minutes > 0 ? ` ${minutes}${units.m}` : ""}`;
      // Under a minute still reads "1 分钟": "0 分钟" would look already expired.
      return `${Math.max(Math.ceil(left / MINUTE), 1)}${units.m}`;
    },
  };
}

/** `oABCDEFGHIJ…WXYZ` → `oABCDE…WXYZ`: enough to tell users apart, short enough for one line. */
export function shortOpenid(openid: string): string {
  return openid.length > 12 ? `${openid.slice(0, 6)}…${openid.slice(-4)}` : openid;
}
