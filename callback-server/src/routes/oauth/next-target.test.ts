import { describe, expect, it } from "vitest";
import { safeNext } from "./next-target.js";

const policy = { publicUrl: "https://auth.example.cn", nextAllow: ["https://shop.example.cn"] };

describe("safeNext (no open redirect)", () => {
  it.each([
    [undefined, "/"],
    ["", "/"],
    ["/", "/"],
    ["/orders?id=7#top", "/orders?id=7#top"],
    ["/a/../b", "/b"],
    ["/search?q=%E5%BE%AE%E4%BF%A1", "/search?q=%E5%BE%AE%E4%BF%A1"],
    ["https://auth.example.cn/me", "https://auth.example.cn/me"],
    ["https://shop.example.cn/cart?x=1", "https://shop.example.cn/cart?x=1"],
    ["https://SHOP.example.cn:443/", "https://shop.example.cn/"],
  ])("allows %j → %j", (raw, expected) => {
    expect(safeNext(raw, policy)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/%5Cevil.com",
    "/%2F%2Fevil.com",
    "/%252F%252Fevil.com",
    "%2F%2Fevil.com",
    "/\t/evil.com",
    "/%09/evil.com",
    "/\n/evil.com",
    "/%0d%0aSet-Cookie:x=1",
    "https://evil.com",
    "https://evil.com/https://auth.example.cn",
    "http://auth.example.cn/",
    "https://auth.example.cn.evil.com/",
    "https://auth.example.cn@evil.com/",
    "https://user:pw@auth.example.cn/",
    "https:evil.com",
    "https:/evil.com",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.com",
    "ftp://shop.example.cn/",
    " /orders",
    "/%E0%A4%A",
    `/${"a".repeat(2100)}`,
  ])("refuses %j", (raw) => {
    expect(safeNext(raw, policy)).toBeUndefined();
  });
});
