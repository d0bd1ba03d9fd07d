import { bannedWordsIn } from "@wxdesk/wechat/plain-words";
import { describe, expect, it } from "vitest";
import { stringsOf } from "./testing/strings-of.js";

// Every feature's dictionary (`*-messages.ts`), found by name as in messages-complete.test.ts.
const modules = import.meta.glob<Record<string, unknown>>("../**/*-messages.ts", { eager: true });

type Entry = string | ((...args: unknown[]) => string);

/** A message as text: functions are called with sample values (1, 2, 3…) for their parameters. */
function render(entry: Entry | undefined): string {
  if (typeof entry === "function") return entry(...Array.from({ length: entry.length }, (_, i) => i + 1));
  return entry ?? "";
}

/** `[where, text]` for every visible message in both languages; `tech*` keys hold the copyable raw terms. */
export function visibleTexts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== "object" || value === null || !("zh-CN" in value) || !("en" in value)) continue;
      const dict = value as Record<"zh-CN" | "en", Record<string, Entry>>;
      for (const lang of ["zh-CN", "en"] as const)
        for (const [key, entry] of Object.entries(dict[lang]))
          if (!key.startsWith("tech")) out.push([`${file}#${name}.${key} (${lang})`, render(entry)]);
    }
  }
  return out;
}

describe("plain words in the desktop's visible texts (issue 10, item 7)", () => {
  it("reads the dictionaries of the users and links screens", () => {
    const where = visibleTexts().map(([w]) => w);
    expect(where.some((w) => w.includes("users-messages"))).toBe(true);
    expect(where.some((w) => w.includes("auth-link-messages"))).toBe(true);
  });

  it("uses no protocol word outside tech* keys", () => {
    const found = visibleTexts()
      .map(([where, text]) => ({ where, text, words: bannedWordsIn(text, "desktop") }))
      .filter((hit) => hit.words.length > 0)
      .map((hit) => `${hit.where}: ${hit.words.join(", ")} — ${hit.text}`);
    expect(found).toEqual([]);
  });

  it("uses no protocol word in electron's word tables (change lines, input problems) either", () => {
    const files = import.meta.glob<string>("../../../electron/src/desk/**/*words*.ts", {
      query: "?raw",
      import: "default",
      eager: true,
    });
    expect(Object.keys(files).length).toBeGreaterThan(0);
    const found = Object.entries(files).flatMap(([file, text]) =>
      stringsOf(text)
        .filter((literal) => /[\p{Script=Han}\s]/u.test(literal))
        .map((literal) => ({ file, literal, words: bannedWordsIn(literal, "desktop") }))
        .filter((hit) => hit.words.length > 0)
        .map((hit) => `${hit.file}: ${hit.words.join(", ")} — ${hit.literal}`),
    );
    expect(found).toEqual([]);
  });

  it("would catch a raw 「openid」 label", () => {
    expect(bannedWordsIn("openid", "desktop")).toEqual(["openid"]);
    expect(bannedWordsIn("用户编号", "desktop")).toEqual([]);
  });
});
