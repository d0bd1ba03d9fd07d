import { describe, expect, it } from "vitest";
import { checkAuthorizeLinkInput, isValidAppId, isValidState } from "./check-authorize-link.js";
import type { OAuthScope } from "./constants.js";

describe("isValidAppId / isValidState", () => {
  it("accepts wx + 16 lower-case hex only", () => {
    expect(isValidAppId("wx00000000000000a1")).toBe(true);
    expect(isValidAppId("wx00000000000000A1")).toBe(false);
    expect(isValidAppId("wx00000000000000a")).toBe(false);
    expect(isValidAppId("123456")).toBe(false);
  });

  it("accepts empty and up to 128 alphanumerics", () => {
    expect(isValidState("")).toBe(true);
    expect(isValidState("a".repeat(128))).toBe(true);
    expect(isValidState("a".repeat(129))).toBe(false);
    expect(isValidState("a-b")).toBe(false);
    expect(isValidState("状态")).toBe(false);
  });
});

describe("checkAuthorizeLinkInput", () => {
  it("returns nothing for a good input", () => {
    expect(
      checkAuthorizeLinkInput({
        appid: "wx00000000000000a1",
        redirectUri: "https://a.b/c",
        scope: "snsapi_base",
      }),
    ).toEqual([]);
  });

  it("reports every problem at once, each with zh and en text", () => {
    const problems = checkAuthorizeLinkInput({
      appid: "wxABC",
      redirectUri: "mailto:x@y.z#frag",
      scope: "snsapi_login" as OAuthScope,
      state: `${"x".repeat(130)}!`,
    });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      "appid:invalid_format",
      "redirectUri:not_absolute_http",
      "redirectUri:has_fragment",
      "scope:website_scope",
      "state:too_long",
      "state:invalid_chars",
    ]);
    for (const p of problems) {
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn.length).toBeGreaterThan(10);
    }
  });

  it("reports missing fields and whitespace", () => {
    const problems = checkAuthorizeLinkInput({
      appid: "",
      redirectUri: " https://a.b/ ",
      scope: "x" as OAuthScope,
    });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      "appid:missing",
      "redirectUri:whitespace",
      "scope:invalid",
    ]);
  });
});
