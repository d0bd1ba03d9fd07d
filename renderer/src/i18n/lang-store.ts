import { create } from "zustand";
import type { Lang } from "./define-messages.js";

/**
 * The UI language, here at the bottom of the UI's layers so words and formats need nothing above them.
 * The app store (the saved settings) is its one writer: it hands the language down whenever it changes.
 */
export const useLangStore = create<{ lang: Lang }>()(() => ({ lang: "zh-CN" }));

export function setLang(lang: Lang): void {
  if (useLangStore.getState().lang !== lang) useLangStore.setState({ lang });
}
