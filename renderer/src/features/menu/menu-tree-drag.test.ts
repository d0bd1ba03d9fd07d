import { describe, expect, it } from "vitest";
import { menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { fromMenu } from "./menu-tree.js";
import { flattenTree, projectDrop } from "./menu-tree-drag.js";

const INDENT = 24;
const tree = fromMenu(menuOf(parent("P", view("a"), view("b")), view("L")));
const id = (name: string) => flattenTree(tree).find((r) => r.button.name === name)?.id ?? "";

describe("projectDrop", () => {
  it("reorders top buttons when dropped over another top button", () => {
    expect(projectDrop(tree, id("L"), id("P"), 0, INDENT)).toEqual({
      depth: 0,
      place: { parentId: null, index: 0 },
    });
  });

  it("keeps a sub-button in its group when moved among its siblings", () => {
    expect(projectDrop(tree, id("a"), id("b"), 0, INDENT)).toEqual({
      depth: 1,
      place: { parentId: id("P"), index: 1 },
    });
  });

  it("promotes a sub-button dragged one step left below its group", () => {
    expect(projectDrop(tree, id("b"), id("L"), -INDENT, INDENT)).toEqual({
      depth: 0,
      place: { parentId: null, index: 2 },
    });
  });

  it("demotes a top button dragged one step right under a group", () => {
    // Right where it is: it becomes the group's last sub-button.
    expect(projectDrop(tree, id("L"), id("L"), INDENT, INDENT)).toEqual({
      depth: 1,
      place: { parentId: id("P"), index: 2 },
    });
    // Moved up over "b": it goes before "b" (and must be a sub-button there, the row below is one).
    expect(projectDrop(tree, id("L"), id("b"), 0, INDENT)).toEqual({
      depth: 1,
      place: { parentId: id("P"), index: 1 },
    });
  });

  it("never nests a button that has sub-buttons: it stays a top button", () => {
    const two = fromMenu(menuOf(view("L"), parent("P", view("a"))));
    const rows = flattenTree(two);
    const l = rows[0]?.id ?? "";
    const p = rows[1]?.id ?? "";
    expect(projectDrop(two, p, l, 3 * INDENT, INDENT)).toEqual({
      depth: 0,
      place: { parentId: null, index: 0 },
    });
  });

  it("refuses a promotion when there are already 3 top buttons", () => {
    const full = fromMenu(menuOf(parent("P", view("a"), view("b")), view("L"), view("M")));
    const rows = flattenTree(full);
    const b = rows.find((r) => r.button.name === "b")?.id ?? "";
    const m = rows.find((r) => r.button.name === "M")?.id ?? "";
    expect(projectDrop(full, b, m, -INDENT, INDENT)?.refused).toBe("top_full");
  });
});
