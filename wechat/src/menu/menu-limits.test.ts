import { describe, expect, it } from "vitest";
import { MENU_LIMITS, utf8ByteLength } from "./menu-limits.js";

describe("utf8ByteLength", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 2],
    ["今日歌曲", 12],
    ["😀", 4],
    ["a今😀", 8],
    ["\ud800", 3],
  ])("%j is %i bytes", (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
    if (!text.includes("\ud800")) expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, "utf8"));
  });
});

describe("MENU_LIMITS", () => {
  it("holds the §7.1 numbers", () => {
    expect(MENU_LIMITS).toEqual({
      topButtons: 3,
      subButtons: 5,
      topNameBytes: 16,
      subNameBytes: 60,
      keyBytes: 128,
      urlBytes: 1024,
      urlDomains: 3,
    });
  });
});
