import { describe, expect, it } from "vitest";
import { commit, endRun, redo, startHistory, undo } from "./menu-history.js";

describe("menu history", () => {
  it("makes a run of edits with one key a single undo step", () => {
    let h = startHistory("");
    for (const text of ["搜", "搜索", "搜索页"]) h = commit(h, text, "b1.name");
    expect(h.past).toEqual([""]);
    h = undo(h);
    expect(h.present).toBe("");
    h = redo(h);
    expect(h.present).toBe("搜索页");
  });

  it("starts a new step after another field, another action or the end of a run", () => {
    let h = startHistory("a");
    h = commit(h, "ab", "b1.name");
    h = commit(h, "abc", "b1.url");
    h = commit(h, "abcd", "b1.url");
    h = endRun(h);
    h = commit(h, "abcde", "b1.url");
    h = commit(h, "X");
    expect(h.past).toEqual(["a", "ab", "abcd", "abcde"]);
  });

  it("drops the redo branch on a new change and ignores undo/redo at the ends", () => {
    let h = startHistory(1);
    expect(undo(h)).toBe(h);
    h = commit(h, 2);
    h = undo(h);
    h = commit(h, 3);
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(h.past).toEqual([1]);
  });
});
