import { validateMenu } from "@wxdesk/wechat/menu";
import { describe, expect, it } from "vitest";
import { menuOf, parent, view } from "../../testing/menu-fixtures.js";
import { mapProblems } from "./menu-problems.js";
import { fromMenu, toMenu } from "./menu-tree.js";

describe("mapProblems", () => {
  it("ties each validateMenu problem to the button and field it is about", () => {
    const tree = fromMenu(
      menuOf(view("这个名字实在是太长了"), parent("P", view("ok"), { type: "view", name: "", url: "nope" })),
    );
    const mapped = mapProblems(tree, validateMenu(toMenu(tree)));
    const [long, p] = tree;
    const broken = p?.children[1];
    expect(mapped.byButton.get(long?.id ?? "")?.fields.name?.[0]?.code).toBe("name_too_long");
    expect(Object.keys(mapped.byButton.get(broken?.id ?? "")?.fields ?? {}).sort()).toEqual(["name", "url"]);
    expect(mapped.byButton.get(broken?.id ?? "")?.count).toBe(2);
    expect(mapped.byButton.has(p?.id ?? "")).toBe(false);
    expect(mapped.all).toHaveLength(3);
    expect(mapped.menu).toEqual([]);
  });

  it("keeps whole-menu problems apart and points a missing action at the button itself", () => {
    const empty = mapProblems([], validateMenu({ button: [] }));
    expect(empty.menu.map((p) => p.code)).toEqual(["no_buttons"]);
    const tree = fromMenu(menuOf({ name: "no action" }));
    const mapped = mapProblems(tree, validateMenu(toMenu(tree)));
    expect(mapped.byButton.get(tree[0]?.id ?? "")?.fields.button?.[0]?.code).toBe("no_action");
  });
});
