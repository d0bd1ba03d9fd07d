import { describe, expect, it } from "vitest";
import conventions from "../../CONVENTIONS.md?raw";
import { activityMessages } from "../features/activity/activity-messages.js";
import { conditionalMessages } from "../features/conditional/conditional-messages.js";
import { menuMessages } from "../features/menu/menu-messages.js";
import { menuTypeMessages } from "../features/menu/menu-type-messages.js";
import { repliesMessages } from "../features/replies/replies-messages.js";
import { userDetailMessages } from "../features/users/user-detail-messages.js";
import { authLinkMessages } from "../shared/auth-link/auth-link-messages.js";
import { stringsOf } from "./testing/strings-of.js";

/**
 * "One thing, one name" (CONVENTIONS.md, Glossary): the retired words of the glossary table must not be
 * back in any text a person reads — the renderer's dictionaries, electron's change words, the problem
 * and explanation texts of wechat/. Only string literals are checked: code and comments may name things
 * as the protocol does (`key`, `refresh_token`).
 */

// Every file whose strings reach a screen. New dictionaries are found by their names.
const sources: Record<string, string> = {
  ...import.meta.glob<string>("../**/*-messages.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../../electron/src/desk/**/*words*.ts", {
    query: "?raw",
    import: "default",
    eager: true,
  }),
  ...import.meta.glob<string>(
    [
      "../../../wechat/src/menu/menu-problem.ts",
      "../../../wechat/src/menu/menu-desk-rules.ts",
      "../../../wechat/src/replies/reply-rules.ts",
      "../../../wechat/src/errors/catalog-*.ts",
      "../../../wechat/src/errors/explain-wechat-error.ts",
    ],
    { query: "?raw", import: "default", eager: true },
  ),
};

interface Concept {
  concept: string;
  zh: string;
  en: string;
  retired: string[];
}

/** The rows of the first table under a `### heading` of CONVENTIONS.md, as trimmed cells. */
function tableRows(heading: string): string[][] {
  const section = conventions.split(`### ${heading}`)[1]?.split(/\n#{2,3} /)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2) // header and separator
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** The words in backticks of one cell. */
const ticked = (cell = "") => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");

/** The glossary table of CONVENTIONS.md: concept | 中文 | English | retired (each in backticks). */
function glossary(): Concept[] {
  return tableRows("Glossary").map(([concept = "", zh = "", en = "", retired = ""]) => ({
    concept,
    zh,
    en,
    retired: ticked(retired),
  }));
}

describe("glossary: one thing, one name", () => {
  const concepts = glossary();
  const retired = concepts.flatMap((c) => c.retired.map((word) => ({ word, concept: c.concept })));

  it("reads the glossary and finds the files whose words reach a screen", () => {
    expect(concepts.map((c) => c.zh)).toEqual(expect.arrayContaining(["回复消息", "按钮标识", "续期"]));
    expect(retired.length).toBeGreaterThan(10);
    const files = Object.keys(sources);
    for (const expected of [
      "menu-messages.ts",
      "replies-messages.ts",
      "activity-messages.ts",
      "menu-words.ts",
      "menu-problem.ts",
      "catalog-menu-errors.ts",
    ]) {
      expect(files.some((f) => f.endsWith(`/${expected}`))).toBe(true);
    }
  });

  it("no retired word is back in a string of those files", () => {
    const found: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      // WeChat's own errmsg strings are quoted as WeChat sends them; they are not our words.
      for (const value of stringsOf(text.replace(/^\s*errmsg: .*$/gm, ""))) {
        const lower = value.toLowerCase();
        for (const { word, concept } of retired) {
          if (lower.includes(word.toLowerCase()))
            found.push(`${file}: "${value}" uses "${word}" (${concept})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("checks strings, not code: a retired word in a comment or an identifier does not count", () => {
    const text = [
      "// the button key",
      "/* click event */",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanner's input is source text with templates
      "const key = (key: string) => `按钮标识：${key} (${`in ${'a'}`})`;",
      "const s = { a: \"按钮 key\", b: 'it\\'s' };",
    ].join("\n");
    expect(stringsOf(text)).toEqual(["a", "in …", "按钮标识：… (…)", "按钮 key", "it's"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the scanner's input is source text with templates
    const nested = "const f = (n) => `${n > 1 ? `${n} 个` : '一'}按钮`;";
    expect(stringsOf(nested)).toEqual(["… 个", "一", "…按钮"]);
  });

  it("the labels that name a concept on their own use the glossary's word, in both languages", () => {
    const word = (zh: string) => concepts.find((c) => c.zh === zh) as Concept;
    const click = word("回复消息");
    const key = word("按钮标识");
    const renew = word("续期");
    const zh = (m: { "zh-CN": unknown }) => m["zh-CN"] as Record<string, unknown>;
    const en = (m: { en: unknown }) => m.en as Record<string, unknown>;
    // The editor's type picker and field label.
    expect(zh(menuTypeMessages).click).toBe(click.zh);
    expect(en(menuTypeMessages).click).toBe(click.en);
    expect(zh(menuMessages).keyLabel).toBe(key.zh);
    expect(String(en(menuMessages).keyLabel).toLowerCase()).toBe(key.en.toLowerCase());
    // 自动回复 names the key the same way.
    expect(String(zh(repliesMessages).addKeyLabel)).toContain(key.zh);
    expect(String(en(repliesMessages).addKeyLabel)).toContain(key.en);
    // 动态: the filter and the row tag say what the subtitle says; the users screen's button too.
    expect(zh(activityMessages).type_refresh).toBe(renew.zh);
    expect(zh(activityMessages).kind_refresh).toBe(renew.zh);
    expect(String(zh(activityMessages).subtitle)).toContain(renew.zh);
    expect(String(en(activityMessages).type_refresh).toLowerCase()).toContain(renew.en.slice(0, 4));
    expect(String(en(activityMessages).subtitle).toLowerCase()).toContain(renew.en.slice(0, 4));
    expect(zh(userDetailMessages).refresh).toBe(renew.zh);
    expect(String(en(userDetailMessages).refresh).toLowerCase()).toBe(renew.en);
  });
});

interface PersonRule {
  folders: string[];
  never: string[];
}

/** The 用户 / 粉丝 table of CONVENTIONS.md: texts about | folders | 中文 | English | never. */
function personRules(): PersonRule[] {
  return tableRows("Who is meant: 用户 or 粉丝").map((cells) => ({
    folders: ticked(cells[1]),
    never: ticked(cells[4]),
  }));
}

describe("one word per person: 用户 opens a link, 粉丝 follows the account", () => {
  const rules = personRules();

  it("reads the rule and finds the dictionaries it covers", () => {
    expect(rules.map((r) => r.never)).toEqual(
      expect.arrayContaining([expect.arrayContaining(["粉丝", "follower"])]),
    );
    for (const rule of rules) {
      for (const folder of rule.folders) {
        expect(
          Object.keys(sources).some((f) => f.includes(`/${folder}`)),
          folder,
        ).toBe(true);
      }
    }
  });

  it("no dictionary says the other word for its person", () => {
    const found: string[] = [];
    for (const { folders, never } of rules) {
      for (const [file, text] of Object.entries(sources)) {
        if (!folders.some((folder) => file.includes(`/${folder}`) && file.endsWith("-messages.ts"))) continue;
        for (const value of stringsOf(text)) {
          for (const word of never) {
            if (value.toLowerCase().includes(word.toLowerCase()))
              found.push(`${file}: "${value}" uses "${word}"`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("the 授权链接 card names the person who opens the link 用户 / user; a conditional menu's audience is 粉丝", () => {
    const zh = authLinkMessages["zh-CN"] as Record<string, unknown>;
    const en = authLinkMessages.en as Record<string, unknown>;
    expect(String(zh.scopeLegend)).toContain("用户");
    expect(String(zh.dialogIntro)).toContain("用户");
    expect(String(en.scopeLegend)).toContain("user");
    expect(String((conditionalMessages["zh-CN"] as Record<string, unknown>).subtitle)).toContain("粉丝");
    expect(String((conditionalMessages.en as Record<string, unknown>).subtitle)).toContain("followers");
  });
});
