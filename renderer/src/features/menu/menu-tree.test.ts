import { describe, expect, it } from "vitest";
import { click, menuOf, parent, sampleMenu, view } from "../../testing/menu-fixtures.js";
import {
  addSub,
  addTop,
  type EditorButton,
  fromMenu,
  moveButton,
  newButtonId,
  pathOf,
  possibleParents,
  removeButton,
  toMenu,
  updateButton,
  whyNowhereToMove,
} from "./menu-tree.js";

const leaf = (name: string): EditorButton => ({
  id: newButtonId(),
  name,
  type: "view",
  url: "",
  children: [],
});
const names = (buttons: EditorButton[]) => buttons.map((b) => [b.name, b.children.map((c) => c.name)]);

describe("menu tree ↔ menu/create body", () => {
  it("round-trips the canonical menu unchanged", () => {
    expect(toMenu(fromMenu(sampleMenu()))).toEqual(sampleMenu());
  });

  it("reads menu/get's empty sub_button lists as no children (§7.3)", () => {
    const tree = fromMenu({ button: [{ ...click("A"), sub_button: [] }] });
    expect(tree[0]?.children).toEqual([]);
    expect(toMenu(tree)).toEqual(menuOf(click("A")));
  });

  it("sends a parent as name + sub_button only, and each button with only its type's fields", () => {
    let tree = fromMenu(menuOf(view("A", "https://a.example/")));
    const id = tree[0]?.id ?? "";
    tree = updateButton(tree, id, { type: "click", key: "K" });
    expect(toMenu(tree)).toEqual(menuOf(click("A", "K")));
    tree = addSub(tree, id, { ...leaf("sub"), url: "https://b.example/" });
    expect(toMenu(tree)).toEqual(menuOf(parent("A", view("sub", "https://b.example/"))));
    // The hidden action comes back when the last child goes.
    const child = tree[0]?.children[0]?.id ?? "";
    expect(toMenu(removeButton(tree, child).buttons)).toEqual(menuOf(click("A", "K")));
  });
});

describe("tree operations", () => {
  it("adds at most 3 top buttons and 5 sub-buttons (§7.1)", () => {
    let tree: EditorButton[] = [];
    for (let i = 0; i < 4; i++) tree = addTop(tree, leaf(`t${i}`));
    expect(tree.map((b) => b.name)).toEqual(["t0", "t1", "t2"]);
    const parentId = tree[0]?.id ?? "";
    for (let i = 0; i < 6; i++) tree = addSub(tree, parentId, leaf(`s${i}`));
    expect(tree[0]?.children.map((b) => b.name)).toEqual(["s0", "s1", "s2", "s3", "s4"]);
  });

  it("gives the path validateMenu uses", () => {
    const tree = fromMenu(sampleMenu());
    expect(pathOf(tree, tree[1]?.children[2]?.id ?? "")).toBe("button[1].sub_button[2]");
    expect(pathOf(tree, tree[0]?.id ?? "")).toBe("button[0]");
  });

  it("moves a sub-button to another parent, promotes and demotes within the limits", () => {
    const tree = fromMenu(menuOf(parent("P", view("a"), view("b")), parent("Q", view("c")), view("L")));
    const [p, q, l] = tree;
    const b = p?.children[1];
    if (!p || !q || !l || !b) throw new Error("fixture");

    const moved = moveButton(tree, b.id, { parentId: q.id, index: 0 });
    expect("buttons" in moved && names(moved.buttons)).toEqual([
      ["P", ["a"]],
      ["Q", ["b", "c"]],
      ["L", []],
    ]);

    const demoted = moveButton(tree, l.id, { parentId: p.id, index: 2 });
    expect("buttons" in demoted && names(demoted.buttons)).toEqual([
      ["P", ["a", "b", "L"]],
      ["Q", ["c"]],
    ]);

    expect(moveButton(tree, b.id, { parentId: null, index: 0 })).toEqual({ refused: "top_full" });
    expect(moveButton(tree, q.id, { parentId: p.id, index: 0 })).toEqual({ refused: "has_children" });

    const two = removeButton(tree, l.id).buttons;
    const promoted = moveButton(two, b.id, { parentId: null, index: 1 });
    expect("buttons" in promoted && names(promoted.buttons)).toEqual([
      ["P", ["a"]],
      ["b", []],
      ["Q", ["c"]],
    ]);
  });

  it("refuses a sixth sub-button and reorders within a list", () => {
    const full = fromMenu(
      menuOf(parent("P", view("1"), view("2"), view("3"), view("4"), view("5")), view("L")),
    );
    const l = full[1];
    const p = full[0];
    if (!l || !p) throw new Error("fixture");
    expect(moveButton(full, l.id, { parentId: p.id, index: 0 })).toEqual({ refused: "sub_full" });
    const first = p.children[0];
    const reordered = moveButton(full, first?.id ?? "", { parentId: p.id, index: 4 });
    expect("buttons" in reordered && reordered.buttons[0]?.children.map((c) => c.name)).toEqual([
      "2",
      "3",
      "4",
      "5",
      "1",
    ]);
  });

  it("lists where a button may go for the form's 「放到」 choice", () => {
    const tree = fromMenu(menuOf(parent("P", view("a")), view("L")));
    const [p, l] = tree;
    expect(possibleParents(tree, l?.id ?? "")).toEqual([null, p]);
    // P has children: it can only stay a top button.
    expect(possibleParents(tree, p?.id ?? "")).toEqual([null]);
  });

  it("says why a button has nowhere else to go", () => {
    const five = (from: number) => [0, 1, 2, 3, 4].map((i) => view(String(from + i)));
    const full = fromMenu(menuOf(parent("P", ...five(1)), parent("Q", ...five(6)), parent("R", ...five(11))));
    const id = (tree: EditorButton[], name: string) =>
      tree.flatMap((b) => [b, ...b.children]).find((b) => b.name === name)?.id ?? "";
    expect(whyNowhereToMove(full, id(full, "P"))).toBe("has_children");
    expect(whyNowhereToMove(full, id(full, "3"))).toBe("all_full");
    const lone = fromMenu(menuOf(view("L")));
    expect(whyNowhereToMove(lone, id(lone, "L"))).toBe("alone");
    const roomy = fromMenu(menuOf(parent("P", view("a")), view("L")));
    expect(whyNowhereToMove(roomy, id(roomy, "a"))).toBeUndefined();
    expect(whyNowhereToMove(roomy, id(roomy, "L"))).toBeUndefined();
  });
});
