import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNext } from "./next-target.js";
import { nextStrings, PUBLIC_ORIGINS, paths } from "./testing/next-target-arbitraries.js";

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

  // Dot segments collapse while the URL is parsed: `/.//evil.com` serialises to `//evil.com`.
  const dots = ["/.", "/..", "/a/..", "/a/b/../..", "/%2e", "/%2E", "/%2e%2e", "/%2E%2E", "/.%2e", "/./."];
  const slashes = ["//", "/\\", "/%2f", "/%2F", "/%5c", "/%5C", "%2F/", "/%252f", "/;/", ";//"];
  it.each(dots.flatMap((d) => slashes.map((s) => `${d}${s}evil.com`)))("refuses %j", (raw) => {
    expect(safeNext(raw, policy)).toBeUndefined();
  });

  it.each([
    "/.%2F/evil.com",
    "/..;//evil.com",
    "/.;//evil.com",
    "/%2e%2e;x//evil.com",
    "https://auth.example.cn/.//evil.com",
    "https://auth.example.cn//evil.com",
    "https://shop.example.cn/%2F%2Fevil.com",
    "HTTPS://SHOP.EXAMPLE.CN/a/..//evil.com",
  ])("refuses what a proxy or the target site could still read as //host: %j", (raw) => {
    expect(safeNext(raw, policy)).toBeUndefined();
  });

  it.each([
    ["/a//b", "/a//b"],
    ["/files/my%20doc", "/files/my%20doc"],
    ["/search?q=a%20b&r=//x#//y", "/search?q=a%20b&r=//x#//y"],
    ["/a;v=1/b", "/a;v=1/b"],
  ])("keeps ordinary paths %j → %j", (raw, expected) => {
    expect(safeNext(raw, policy)).toBe(expected);
  });
});

/** What a browser does with a Location: resolve it against the page that received it. */
function landsOn(location: string): string {
  return new URL(location, `${policy.publicUrl}/oauth/callback`).origin;
}

describe("safeNext properties", () => {
  const everything = fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), nextStrings);

  it("whatever the input, the answer is refused or a Location that lands on an allowed origin", () => {
    fc.assert(
      fc.property(everything, (raw) => {
        const location = safeNext(raw, policy);
        if (location === undefined) return;
        expect(location.startsWith("//") || location.startsWith("/\\")).toBe(false);
        expect(PUBLIC_ORIGINS).toContain(landsOn(location));
        // Header-safe as it is: visible ASCII only, nothing a browser would strip or reinterpret.
        expect(location).toMatch(/^[\x21-\x7e]+$/);
        // A fixed point: re-checking a stored next never changes where it leads.
        expect(safeNext(location, policy)).toBe(location);
        // Decoded once more (a proxy, the target app), its path still stays on its origin.
        const decoded = decodeURIComponent(new URL(location, policy.publicUrl).pathname);
        expect(decoded.startsWith("//") || decoded.includes("\\")).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("ordinary paths and allowed URLs pass unchanged", () => {
    fc.assert(
      fc.property(
        paths,
        fc.constantFrom("", "https://auth.example.cn", "https://shop.example.cn"),
        (path, origin) => {
          expect(safeNext(`${origin}${path}`, policy)).toBe(`${origin}${path}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
