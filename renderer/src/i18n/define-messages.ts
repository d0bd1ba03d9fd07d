/** A UI language; the same union as DeskApi's `Settings.lang`. */
export type Lang = "zh-CN" | "en";

/** The two languages, zh-CN first: the order the language switch shows them. */
export const LANGS: readonly Lang[] = ["zh-CN", "en"];

/** A message is a string, or a function of its values (counts, names) that returns one. */
export type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

/** The English dictionary mirrors the Chinese one: the same keys and the same function parameters. */
export type Mirror<M extends Messages> = {
  [K in keyof M]: M[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

/** One feature's messages in both languages; what `useT()` takes. */
export interface Dictionary<M extends Messages> {
  readonly "zh-CN": Mirror<M>;
  readonly en: Mirror<M>;
}

/**
 * Declares a feature's messages: Chinese first (it defines the keys), English second. A key missing from
 * `en`, an extra key or a different parameter list is a type error, so the dictionaries cannot drift.
 */
export function defineMessages<M extends Messages>(zh: M, en: Mirror<NoInfer<M>>): Dictionary<M> {
  // M and Mirror<M> are the same shape (Mirror only widens literals); TypeScript cannot see it generically.
  return { "zh-CN": zh as unknown as Mirror<M>, en };
}

/** A text that arrives in both languages from elsewhere (a DeskError, a menu problem, a link check). */
export interface BilingualText {
  zh: string;
  en: string;
}

export function pick(lang: Lang, text: BilingualText): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

/**
 * The same message in both languages, for stores that raise toasts (the toast shows whichever language is
 * current when it renders): `both(menuMessages, (m) => m.deleted(name))`.
 */
export function both<M extends Messages>(
  dictionary: Dictionary<M>,
  message: (m: Mirror<M>) => string,
): BilingualText {
  return { zh: message(dictionary["zh-CN"]), en: message(dictionary.en) };
}

/** The keys of a dictionary whose messages are plain strings (no parameters). */
export type TextKey<D extends Dictionary<Messages>> = {
  [K in keyof D["en"]]: D["en"][K] extends string ? K : never;
}[keyof D["en"]];
