import { describe, expect, it } from "vitest";
import { EMPTY_QUERY, isNarrowed, PAGE_SIZE, searchRequest } from "./users-query.js";

describe("searchRequest", () => {
  it("leaves out what is off: no words, every scope, every state", () => {
    expect(searchRequest(EMPTY_QUERY)).toEqual({ limit: PAGE_SIZE });
    expect(searchRequest({ q: "   ", scope: "all", tokenState: "all" })).toEqual({ limit: PAGE_SIZE });
  });

  it("maps each filter to the field users.search expects, trimmed and with the cursor", () => {
    expect(
      searchRequest({ q: "  张伟 ", scope: "snsapi_userinfo", tokenState: "needs_reauth" }, "200"),
    ).toEqual({
      q: "张伟",
      scope: "snsapi_userinfo",
      tokenState: "needs_reauth",
      cursor: "200",
      limit: PAGE_SIZE,
    });
    expect(searchRequest({ q: "", scope: "snsapi_base", tokenState: "all" })).toEqual({
      scope: "snsapi_base",
      limit: PAGE_SIZE,
    });
  });

  it("cuts the words at 200 characters (users.search refuses longer)", () => {
    expect(searchRequest({ ...EMPTY_QUERY, q: "o".repeat(300) }).q).toHaveLength(200);
  });
});

describe("isNarrowed", () => {
  it("tells 'no users yet' from 'nothing matches'", () => {
    expect(isNarrowed(EMPTY_QUERY)).toBe(false);
    expect(isNarrowed({ ...EMPTY_QUERY, q: " " })).toBe(false);
    expect(isNarrowed({ ...EMPTY_QUERY, q: "o1" })).toBe(true);
    expect(isNarrowed({ ...EMPTY_QUERY, tokenState: "expiring" })).toBe(true);
    expect(isNarrowed({ ...EMPTY_QUERY, scope: "snsapi_base" })).toBe(true);
  });
});
