import { describe, expect, it } from "vitest";
import { parseCallbackQuery } from "./parse-callback-query.js";

describe("parseCallbackQuery", () => {
  it("reads code and state from URLSearchParams", () => {
    expect(parseCallbackQuery(new URLSearchParams("code=abc&state=xyz"))).toEqual({
      kind: "code",
      code: "abc",
      state: "xyz",
    });
  });

  it("treats a missing or empty code as the user refusing (§1.3)", () => {
    expect(parseCallbackQuery(new URLSearchParams("state=xyz"))).toEqual({ kind: "denied", state: "xyz" });
    expect(parseCallbackQuery({ code: "", state: "s" })).toEqual({ kind: "denied", state: "s" });
    expect(parseCallbackQuery({})).toEqual({ kind: "denied", state: "" });
  });

  it("accepts framework query objects with array values", () => {
    expect(parseCallbackQuery({ code: ["c1", "c2"], state: ["s1"] })).toEqual({
      kind: "code",
      code: "c1",
      state: "s1",
    });
    expect(parseCallbackQuery({ code: 123 })).toEqual({ kind: "denied", state: "" });
  });
});
