import { MENU_BUTTON_TYPES } from "@wxdesk/wechat/menu";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { installMemoryDesk, uninstallDesk } from "../../testing/install-memory-desk.js";
import { click, menuOf, sampleMenu } from "../../testing/menu-fixtures.js";
import { useToastStore } from "../../ui/toast-store.js";
import { type ImportRefusal, menuFileText, parseMenuFile } from "./menu-import.js";
import { selectMenu, useMenuStore } from "./menu-store.js";

// Property tests for importing a menu file: whatever the file holds — any text, any JSON, a menu with odd
// fields or broken on purpose — the result is a menu the editor can show, or a refusal with a stable reason
// and words in Chinese and English; never an exception. WXDESK_FC_RUNS=5000 for a deeper local run.
const RUNS = { numRuns: Number(process.env.WXDESK_FC_RUNS) || 200 };
const REFUSALS: readonly ImportRefusal[] = ["empty", "too_big", "not_json", "not_menu", "too_deep"];

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** Button-shaped objects: known and unknown types and fields, wrong kinds, nesting deeper than allowed. */
const { button } = fc.letrec<{ button: Record<string, unknown> }>((tie) => ({
  button: fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 70 }), anyValue),
      type: fc.oneof(fc.constantFrom(...MENU_BUTTON_TYPES), anyValue),
      key: fc.oneof(fc.string({ maxLength: 140 }), anyValue),
      url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 30 }), anyValue),
      appid: anyValue,
      pagepath: anyValue,
      media_id: anyValue,
      article_id: anyValue,
      sub_button: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant([]),
        fc.array(tie("button"), { maxLength: 6 }),
        anyValue,
      ),
      __proto__: anyValue,
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
}));

const menuLike = fc.oneof(
  fc.record({ button: fc.oneof(fc.array(button, { maxLength: 5 }), anyValue) }, { requiredKeys: [] }),
  fc.record({ menu: fc.oneof(fc.record({ button: fc.array(button, { maxLength: 5 }) }), anyValue) }),
  fc.jsonValue(),
);

/** A text mutation: cut, insert or truncate, so a valid file becomes an almost-valid one. */
const textEdit = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 12 })).map(
    ([at, n]) =>
      (t: string) =>
        t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + n),
  ),
  fc
    .tuple(fc.nat(), fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "null", "\uFEFF", "\u0000"))
    .map(
      ([at, s]) =>
        (t: string) =>
          t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1)),
    ),
);

const fileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  menuLike.map((value) => JSON.stringify(value) ?? ""),
  fc
    .tuple(menuLike, fc.boolean())
    .map(([value, bom]) => (bom ? "\uFEFF" : "") + JSON.stringify(value, null, 2)),
  fc
    .tuple(
      fc.constantFrom(menuFileText(sampleMenu()), JSON.stringify({ menu: sampleMenu() })),
      fc.array(textEdit, { minLength: 1, maxLength: 3 }),
    )
    .map(([text, edits]) => edits.reduce((t, edit) => edit(t), text)),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => `{"button":${"[".repeat(depth)}${"]".repeat(depth)}}`),
);

describe("parseMenuFile (property)", () => {
  it("any file → an importable menu or a refusal with a stable reason; never a throw", () => {
    fc.assert(
      fc.property(fileText, (text) => {
        const result = parseMenuFile(text);
        expect(parseMenuFile(text)).toEqual(result);
        if (!result.ok) {
          expect(REFUSALS).toContain(result.reason);
          return;
        }
        expect(Array.isArray(result.menu.button)).toBe(true);
        // What was imported exports and imports again unchanged.
        expect(parseMenuFile(menuFileText(result.menu))).toEqual(result);
      }),
      RUNS,
    );
  });
});

describe("importing a file into the editor (property)", () => {
  afterEach(() => {
    useMenuStore.getState().reset();
    uninstallDesk();
  });

  it("refusals say why in Chinese and English and keep the draft; imports replace it", async () => {
    await installMemoryDesk({ draft: menuOf(click("A")) });
    await useMenuStore.getState().open();
    fc.assert(
      fc.property(fileText, (text) => {
        const before = selectMenu(useMenuStore.getState());
        useMenuStore.getState().importFile(text, "菜单.json");
        const toast = useToastStore.getState().toasts.at(-1);
        const result = parseMenuFile(text);
        if (result.ok) {
          expect(selectMenu(useMenuStore.getState())).toEqual(result.menu);
          expect(toast?.kind).not.toBe("error");
          return;
        }
        expect(selectMenu(useMenuStore.getState())).toEqual(before);
        expect(toast?.kind).toBe("error");
        expect(toast?.text.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(toast?.text.en).toMatch(/not imported/);
        expect(toast?.detail?.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(toast?.detail?.en).toMatch(/[A-Za-z]{3}/);
      }),
      RUNS,
    );
  });
});
