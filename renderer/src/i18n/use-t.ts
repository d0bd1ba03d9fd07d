import type { BilingualText, Dictionary, Lang, Messages, Mirror } from "./define-messages.js";
import { type Formatter, formatterFor } from "./format.js";
import { useLangStore } from "./lang-store.js";

/** The UI language: the saved setting (`app.info().settings.lang`), switchable at any time. */
export function useLang(): Lang {
  return useLangStore((s) => s.lang);
}

/** The current language's messages of one feature: `const t = useT(menuMessages); t.addTop`. */
export function useT<M extends Messages>(dictionary: Dictionary<M>): Mirror<M> {
  return dictionary[useLang()];
}

/** Picks the current language out of a text that came in both (DeskError, menu problem, link check). */
export function usePick(): (text: BilingualText) => string {
  const lang = useLang();
  return (text) => (lang === "zh-CN" ? text.zh : text.en);
}

/** Dates, times, counts and countdowns in the current language. */
export function useFormat(): Formatter {
  return formatterFor(useLang());
}
