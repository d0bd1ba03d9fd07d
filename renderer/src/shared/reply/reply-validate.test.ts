import type { ReplySettings } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import { normalizeReplyPath } from "./reply-path.js";
import { validateReplies } from "./reply-validate.js";

const paths = (settings: ReplySettings) => validateReplies(settings).map((p) => `${p.path}:${p.code}`);

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
