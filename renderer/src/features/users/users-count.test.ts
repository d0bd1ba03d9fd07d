import { describe, expect, it } from "vitest";
import { countSummary } from "./users-count.js";
import { usersMessages } from "./users-messages.js";

const zh = usersMessages["zh-CN"];
const en = usersMessages.en;
const n = (x: number) => String(x);

describe("countSummary", () => {
  it("the whole list shown: its own length, one number (the account's total cannot disagree)", () => {
    expect(countSummary(zh, n, { shown: 2, total: 2, hasMore: false, narrowed: false })).toBe(
      "共 2 位授权用户",
    );
    // A count that arrived a moment apart from the rows still says what the list holds.
    expect(countSummary(zh, n, { shown: 3, total: 2, hasMore: false, narrowed: false })).toBe(
      "共 3 位授权用户",
    );
    expect(countSummary(en, n, { shown: 1, total: 1, hasMore: false, narrowed: false })).toBe(
      "1 user has authorized",
    );
  });

  it("more to load: the account's total and how many are shown", () => {
    expect(countSummary(zh, n, { shown: 100, total: 250, hasMore: true, narrowed: false })).toBe(
      "共 250 位授权用户，已显示 100 位，向下滚动会继续加载",
    );
  });

  it("a search: how many it found, with the account's total beside it", () => {
    expect(countSummary(zh, n, { shown: 1, total: 5, hasMore: false, narrowed: true })).toBe(
      "找到 1 位（共 5 位授权用户）",
    );
    expect(countSummary(en, n, { shown: 0, total: 5, hasMore: false, narrowed: true })).toBe(
      "0 found (of 5 users who authorized)",
    );
    expect(countSummary(en, n, { shown: 40, total: 900, hasMore: true, narrowed: true })).toContain(
      "40 found so far",
    );
  });

  it("a server that sends no total: what is loaded, as before", () => {
    expect(countSummary(zh, n, { shown: 0, hasMore: false, narrowed: false })).toBe("");
    expect(countSummary(zh, n, { shown: 3, hasMore: false, narrowed: false })).toBe("共 3 位");
    expect(countSummary(zh, n, { shown: 3, hasMore: true, narrowed: false })).toBe(
      "已显示 3 位，向下滚动会继续加载",
    );
  });
});
