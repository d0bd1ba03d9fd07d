import { describe, expect, it } from "vitest";
import { REPLY_LIMITS, validateReplies } from "./reply-rules.js";

const text = (content: string) => ({ type: "text", content });
const paths = (input: unknown) => validateReplies(input).problems.map((p) => [p.path, p.code]);

describe("validateReplies", () => {
  it("accepts a full configuration and cleans each reply to the fields of its type", () => {
    const result = validateReplies({
      click: {
        HELLO: { type: "text", content: "你好 👋", mediaId: "left over from an image" },
        POSTER: { type: "image", mediaId: "MEDIA_ID_1", content: "stale" },
        NEWS: {
          type: "news",
          articles: [
            {
              title: "标题",
              description: "摘要",
              picUrl: "https://p.example/1.jpg",
              url: "https://u.example/1",
              x: 1,
            },
            { title: "第二篇", url: "http://u.example/2", picUrl: "", description: "" },
          ],
        },
      },
      subscribe: text("欢迎关注"),
      extra: "ignored",
    });
    expect(result.problems).toEqual([]);
    expect(result.settings).toStrictEqual({
      click: {
        HELLO: { type: "text", content: "你好 👋" },
        POSTER: { type: "image", mediaId: "MEDIA_ID_1" },
        NEWS: {
          type: "news",
          articles: [
            {
              title: "标题",
              description: "摘要",
              picUrl: "https://p.example/1.jpg",
              url: "https://u.example/1",
            },
            { title: "第二篇", url: "http://u.example/2" },
          ],
        },
      },
      subscribe: { type: "text", content: "欢迎关注" },
    });
  });

  it("accepts no replies at all", () => {
    expect(validateReplies({ click: {} })).toStrictEqual({ problems: [], settings: { click: {} } });
  });

  it("counts key length in UTF-8 bytes: 128 is fine, 129 is not (§7.1), and a key cannot be empty", () => {
    const key128 = `${"键".repeat(42)}ab`; // 42 × 3 + 2 = 128 bytes
    const key129 = `${"键".repeat(43)}`; // 129 bytes
    expect(paths({ click: { [key128]: text("ok") } })).toEqual([]);
    const problems = validateReplies({ click: { [key129]: text("ok"), "": text("ok") } }).problems;
    expect(problems.map((p) => [p.path, p.code, p.limit, p.actual])).toEqual([
      [`click["${key129}"]`, "key_too_long", 128, 129],
      ['click[""]', "key_empty", undefined, undefined],
    ]);
    expect(problems[0]?.messageZh).toContain("128 字节");
    expect(problems[0]?.message).toContain("128 bytes");
  });

  it(`allows ${REPLY_LIMITS.keys} keys and refuses one more`, () => {
    const many = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, text("好")]));
    expect(paths({ click: many(200) })).toEqual([]);
    expect(validateReplies({ click: many(201) }).problems).toEqual([
      expect.objectContaining({ path: "click", code: "too_many_keys", limit: 200, actual: 201 }),
    ]);
  });

  it("text: 1..2048 UTF-8 bytes, not blank", () => {
    const max = `${"字".repeat(682)}ab`; // 682 × 3 + 2 = 2048 bytes
    expect(paths({ click: { A: text(max) } })).toEqual([]);
    const problems = validateReplies({
      click: { A: text(`${max}c`), B: text(""), C: text("  \n "), D: { type: "text" } },
    }).problems;
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['click["A"].content', "content_too_long"],
      ['click["B"].content', "content_empty"],
      ['click["C"].content', "content_empty"],
      ['click["D"].content', "content_empty"],
    ]);
    expect(problems[0]).toMatchObject({ limit: 2048, actual: 2049 });
    expect(problems[0]?.messageZh).toContain("2048 字节");
  });

  it("image: mediaId 1..128 characters", () => {
    expect(paths({ click: { A: { type: "image", mediaId: "m".repeat(128) } } })).toEqual([]);
    expect(
      paths({ click: { A: { type: "image", mediaId: "m".repeat(129) }, B: { type: "image", mediaId: "" } } }),
    ).toEqual([
      ['click["A"].mediaId', "media_id_too_long"],
      ['click["B"].mediaId', "media_id_empty"],
    ]);
  });

  it("news: 1..8 articles, each with a title and an http(s) url; picUrl http(s) when given", () => {
    const article = { title: "t", url: "https://example.com/" };
    expect(paths({ click: { A: { type: "news", articles: Array(8).fill(article) } } })).toEqual([]);
    expect(
      paths({
        click: {
          NONE: { type: "news", articles: [] },
          MISSING: { type: "news" },
          NINE: { type: "news", articles: Array(9).fill(article) },
          BAD: {
            type: "news",
            articles: [
              { title: " ", url: "ftp://example.com/file" },
              { title: "t", url: "https://example.com/", picUrl: "javascript:alert(1)" },
              "not an article",
              { title: "t", url: "example.com/no-scheme", description: 5 },
            ],
          },
        },
      }),
    ).toEqual([
      ['click["NONE"].articles', "articles_empty"],
      ['click["MISSING"].articles', "articles_empty"],
      ['click["NINE"].articles', "too_many_articles"],
      ['click["BAD"].articles[0].title', "title_empty"],
      ['click["BAD"].articles[0].url', "url_invalid"],
      ['click["BAD"].articles[1].picUrl', "pic_url_invalid"],
      ['click["BAD"].articles[2]', "article_not_object"],
      ['click["BAD"].articles[3].url', "url_invalid"],
      ['click["BAD"].articles[3].description', "description_invalid"],
    ]);
  });

  it("refuses unknown reply types and non-objects; checks subscribe with its own path", () => {
    expect(
      paths({
        click: { A: { type: "voice", mediaId: "m" }, B: "你好", C: null },
        subscribe: { type: "text", content: "" },
      }),
    ).toEqual([
      ['click["A"].type', "type_unknown"],
      ['click["B"]', "reply_not_object"],
      ['click["C"]', "reply_not_object"],
      ["subscribe.content", "content_empty"],
    ]);
    expect(paths({ click: [] })).toEqual([["click", "click_not_object"]]);
    expect(paths(null)).toEqual([["click", "click_not_object"]]);
  });

  it("every problem has a zh-CN and an English message", () => {
    const { problems } = validateReplies({
      click: { "": { type: "x" }, A: { type: "news", articles: [{}] } },
      subscribe: "hi",
    });
    expect(problems.length).toBeGreaterThanOrEqual(4);
    for (const problem of problems) {
      expect(problem.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
  });

  it("keeps a key named like an Object.prototype member as a plain entry", () => {
    const input = JSON.parse(
      '{"click": {"__proto__": {"type": "text", "content": "x"}, "constructor": {"type": "text", "content": "y"}}}',
    );
    const { settings } = validateReplies(input);
    expect(Object.keys(settings?.click ?? {})).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(settings?.click)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(settings)).click.constructor).toEqual({ type: "text", content: "y" });
  });
});
