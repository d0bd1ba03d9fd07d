import type { ReplySettings } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { cleanSettings, emptyReply, moveArticle, replyAt, sameSettings, withReply } from "./reply-edit.js";

const base: ReplySettings = {
  click: { A: { type: "text", content: "a" }, B: { type: "image", mediaId: "m" } },
  subscribe: { type: "text", content: "欢迎" },
};

describe("reply editing", () => {
  it("sets a click reply in its place, adds a new key at the end, removes one, never mutating", () => {
    const edited = withReply(base, { kind: "click", key: "A" }, { type: "text", content: "aa" });
    expect(Object.keys(edited.click)).toEqual(["A", "B"]);
    expect(replyAt(edited, { kind: "click", key: "A" })).toEqual({ type: "text", content: "aa" });
    expect(replyAt(base, { kind: "click", key: "A" })).toEqual({ type: "text", content: "a" });
    expect(Object.keys(withReply(base, { kind: "click", key: "C" }, emptyReply("news")).click)).toEqual([
      "A",
      "B",
      "C",
    ]);
    expect(withReply(base, { kind: "click", key: "A" }, undefined).click).toEqual({ B: base.click.B });
  });

  it("sets and removes the subscribe reply", () => {
    expect(withReply(base, { kind: "subscribe" }, undefined)).toEqual({ click: base.click });
    expect(
      replyAt(withReply({ click: {} }, { kind: "subscribe" }, emptyReply("image")), { kind: "subscribe" }),
    ).toEqual({
      type: "image",
      mediaId: "",
    });
  });

  it("does not read Object.prototype for a key such as constructor", () => {
    expect(replyAt(base, { kind: "click", key: "constructor" })).toBeUndefined();
  });

  it("sends only the fields an article uses, and compares settings by content", () => {
    const news = withReply({ click: {} }, { kind: "subscribe" }, emptyReply("news"));
    expect(cleanSettings(news).subscribe).toEqual({ type: "news", articles: [{ title: "", url: "" }] });
    const reordered: ReplySettings = {
      click: { B: base.click.B!, A: base.click.A! },
      subscribe: base.subscribe!,
    };
    expect(sameSettings(base, reordered)).toBe(true);
    expect(sameSettings(news, cleanSettings(news))).toBe(true);
    expect(
      sameSettings(base, withReply(base, { kind: "click", key: "A" }, { type: "text", content: "b" })),
    ).toBe(false);
  });

  it("moves articles within bounds only", () => {
    const a = [
      { title: "1", url: "u" },
      { title: "2", url: "u" },
      { title: "3", url: "u" },
    ];
    expect(moveArticle(a, 2, -1).map((x) => x.title)).toEqual(["1", "3", "2"]);
    expect(moveArticle(a, 0, 1).map((x) => x.title)).toEqual(["2", "1", "3"]);
    expect(moveArticle(a, 0, -1).map((x) => x.title)).toEqual(["1", "2", "3"]);
    expect(moveArticle(a, 2, 1).map((x) => x.title)).toEqual(["1", "2", "3"]);
  });
});
