import { describe, expect, it } from "vitest";
import { defineMessages } from "./define-messages.js";

// Every feature's dictionary lives in a `*-messages.ts` file (CONVENTIONS.md §5); found here by name so a
// new screen is covered without registering anything.
const modules = import.meta.glob<Record<string, unknown>>("../**/*-messages.ts", { eager: true });

type Entry = string | ((...args: unknown[]) => string);
const HAN = /\p{Script=Han}/u;
// Chinese text: Han characters, or Chinese punctuation alone (a list joiner such as 「、」).
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

function dictionaries(): Array<[string, Record<string, Entry>, Record<string, Entry>]> {
  const found: Array<[string, Record<string, Entry>, Record<string, Entry>]> = [];
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "object" || value === null || !("zh-CN" in value) || !("en" in value)) continue;
      const dict = value as { "zh-CN": Record<string, Entry>; en: Record<string, Entry> };
      found.push([`${file}#${name}`, dict["zh-CN"], dict.en]);
    }
  }
  return found;
}

/** A message as text: functions are called with sample values (1, 2, 3…) for their parameters. */
function render(entry: Entry | undefined): string {
  if (typeof entry === "function") return entry(...Array.from({ length: entry.length }, (_, i) => i + 1));
  return entry ?? "";
}

describe("i18n dictionaries", () => {
  it("finds the dictionaries of the shell, the shared components and the menu editor", () => {
    const names = dictionaries().map(([name]) => name);
    expect(names.some((n) => n.includes("app-messages"))).toBe(true);
    expect(names.some((n) => n.includes("ui-messages"))).toBe(true);
    expect(names.some((n) => n.includes("menu-messages"))).toBe(true);
  });

  it("has the same keys, the same kind of entry and the same parameters in zh-CN and en", () => {
    for (const [name, zh, en] of dictionaries()) {
      expect(Object.keys(en).sort(), name).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh)) {
        const a = zh[key];
        const b = en[key];
        expect(typeof b, `${name}.${key}`).toBe(typeof a);
        if (typeof a === "function" && typeof b === "function")
          expect(b.length, `${name}.${key}`).toBe(a.length);
      }
    }
  });

  it("fills every message: Chinese in zh-CN, no Chinese left in en", () => {
    for (const [name, zh, en] of dictionaries()) {
      for (const key of Object.keys(zh)) {
        const zhText = render(zh[key]);
        const enText = render(en[key]);
        expect(zhText.trim(), `${name}.${key} (zh-CN)`).not.toBe("");
        expect(enText.trim(), `${name}.${key} (en)`).not.toBe("");
        // A term WeChat shows as is (e.g. "appid") may be the same in both; otherwise zh must be Chinese.
        if (zhText !== enText) expect(CHINESE.test(zhText), `${name}.${key} (zh-CN): ${zhText}`).toBe(true);
        expect(HAN.test(enText), `${name}.${key} (en): ${enText}`).toBe(false);
      }
    }
  });

  it("makes a missing English key a type error", () => {
    // The @ts-expect-error lines fail `tsc -b` if the mistake ever stops being a type error.
    const good = defineMessages(
      { a: "甲", n: (count: number) => `${count} 个` },
      { a: "A", n: (count) => `${count}` },
    );
    // @ts-expect-error — "n" is missing from en
    defineMessages({ a: "甲", n: (count: number) => `${count} 个` }, { a: "A" });
    // @ts-expect-error — en's function takes a string where zh's takes a number
    defineMessages({ n: (count: number) => `${count} 个` }, { n: (count: string) => count });
    expect(good.en.n(3)).toBe("3");
    expect(good["zh-CN"].a).toBe("甲");
  });
});
