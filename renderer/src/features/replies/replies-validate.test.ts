import type { NewsArticle, ReplySettings } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { REPLY_LIMITS, validateReplies, validateReply } from "./replies-validate.js";
import { normalizeReplyPath } from "./reply-path.js";

const article = (i: number): NewsArticle => ({ title: `第${i}篇`, url: `https://example.com/a/${i}` });
const paths = (settings: ReplySettings) => validateReplies(settings).map((p) => `${p.path}:${p.code}`);

describe("validateReply", () => {
  it("takes a text of exactly 2048 UTF-8 bytes and refuses one byte more, counting a Chinese character as 3", () => {
    expect(validateReply({ type: "text", content: "a".repeat(2048) }, "subscribe")).toEqual([]);
    const cjk = `${"好".repeat(682)}ab`; // 682 × 3 + 2 = 2048
    expect(validateReply({ type: "text", content: cjk }, "subscribe")).toEqual([]);
    const [over] = validateReply({ type: "text", content: `${cjk}c` }, "subscribe");
    expect(over).toMatchObject({
      path: "subscribe.content",
      code: "content_too_long",
      limit: 2048,
      actual: 2049,
    });
    expect(over?.messageZh).toContain("2049 字节");
    expect(over?.message).toContain("2049");
  });

  it("refuses an empty or blank text", () => {
    expect(validateReply({ type: "text", content: " \n " }, "subscribe").map((p) => p.code)).toEqual([
      "content_empty",
    ]);
  });

  it("takes a media_id of 128 characters, not 129, and not a blank one", () => {
    expect(validateReply({ type: "image", mediaId: "m".repeat(REPLY_LIMITS.mediaIdChars) }, "x")).toEqual([]);
    expect(validateReply({ type: "image", mediaId: "m".repeat(129) }, "x")).toMatchObject([
      { path: "x.mediaId", code: "media_id_too_long", limit: 128, actual: 129 },
    ]);
    expect(validateReply({ type: "image", mediaId: "" }, "x").map((p) => p.code)).toEqual(["media_id_empty"]);
  });

  it("takes 1 to 8 articles and says what is wrong with each", () => {
    const eight = Array.from({ length: 8 }, (_, i) => article(i));
    expect(validateReply({ type: "news", articles: eight }, "n")).toEqual([]);
    expect(validateReply({ type: "news", articles: [...eight, article(9)] }, "n")).toMatchObject([
      { path: "n.articles", code: "too_many_articles", limit: 8, actual: 9 },
    ]);
    expect(validateReply({ type: "news", articles: [] }, "n").map((p) => p.code)).toEqual(["articles_empty"]);
    const bad = validateReply(
      {
        type: "news",
        articles: [
          article(0),
          { title: " ", url: "example.com/x", picUrl: "ftp://x/y.png" },
          { ...article(2), picUrl: "" },
        ],
      },
      "n",
    );
    expect(bad.map((p) => `${p.path}:${p.code}`)).toEqual([
      "n.articles[1].title:title_empty",
      "n.articles[1].url:url_invalid",
      "n.articles[1].picUrl:pic_url_invalid",
    ]);
  });
});

describe("validateReplies", () => {
  it("checks keys as the server does: 1..128 bytes, quoted in the path", () => {
    const ok = { type: "text" as const, content: "hi" };
    expect(paths({ click: { ["k".repeat(128)]: ok } })).toEqual([]);
    const long = "键".repeat(43); // 129 bytes
    expect(paths({ click: { [long]: ok, "": ok } })).toEqual([
      `click[${JSON.stringify(long)}]:key_too_long`,
      'click[""]:key_empty',
    ]);
  });

  it("refuses more than 200 keys and reports the subscribe reply last", () => {
    const click = Object.fromEntries(
      Array.from({ length: 201 }, (_, i) => [`K${i}`, { type: "text" as const, content: "x" }]),
    );
    expect(paths({ click, subscribe: { type: "text", content: "" } })).toEqual([
      "click:too_many_keys",
      "subscribe.content:content_empty",
    ]);
    delete click.K200;
    expect(paths({ click })).toEqual([]);
  });
});

describe("normalizeReplyPath", () => {
  it("reads the server's quoted paths and the dotted form alike", () => {
    expect(normalizeReplyPath('click["SIGN_IN"].content')).toBe('click["SIGN_IN"].content');
    expect(normalizeReplyPath("click.SIGN_IN.content")).toBe('click["SIGN_IN"].content');
    expect(normalizeReplyPath("click.A.B.articles[2].url")).toBe('click["A.B"].articles[2].url');
    expect(normalizeReplyPath("click.V1")).toBe('click["V1"]');
    expect(normalizeReplyPath('click["a\\"b"].mediaId')).toBe('click["a\\"b"].mediaId');
    expect(normalizeReplyPath("subscribe.articles[0].title")).toBe("subscribe.articles[0].title");
    expect(normalizeReplyPath("click")).toBe("click");
  });
});
