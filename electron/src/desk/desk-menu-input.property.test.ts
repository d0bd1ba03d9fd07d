import { MENU_BUTTON_TYPES } from "@wxdesk/wechat";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeskMethod } from "../desk-api.js";
import { createDeskApi } from "./create-desk-api.js";
import { DeskApiError } from "./desk-api-error.js";
import type { DeskHost } from "./desk-host.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain } from "./testing/test-keychains.js";

// Property tests for the menu the renderer (or a web-bridge client) hands the desktop: whatever the JSON,
// `menu.validate` answers with WeChat's problems or refuses with bad_input in Chinese and English — never
// another error (which the bridge would turn into a 500 "internal"). WXDESK_FC_RUNS=5000 for a deeper run.
const RUNS = { numRuns: Number(process.env.WXDESK_FC_RUNS) || 200 };

let host: DeskHost;
const dir = tempDataDir();
beforeAll(async () => {
  host = await createDeskApi(
    { dataDir: dir.path, transport: "web", appVersion: "1.0.0" },
    { keychain: memoryKeychain() },
  );
});
afterAll(async () => {
  await host.close();
  dir.remove();
});

type Outcome = { problems: string[] } | { refused: "bad_input" };

async function validate(menu: unknown): Promise<Outcome> {
  try {
    const problems = (await host.call("menu.validate" as DeskMethod, [menu])) as Array<{ code: string }>;
    return { problems: problems.map((p) => p.code) };
  } catch (error) {
    // Anything but a bilingual bad_input fails the property.
    expect(error).toBeInstanceOf(DeskApiError);
    const refusal = error as DeskApiError;
    expect(refusal.code).toBe("bad_input");
    expect(refusal.messageZh).toContain("输入有误");
    expect(refusal.message).toContain("Bad input");
    return { refused: "bad_input" };
  }
}

const anyValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));

const { button } = fc.letrec<{ button: Record<string, unknown> }>((tie) => ({
  button: fc.record(
    {
      name: fc.oneof(fc.string({ maxLength: 70 }), anyValue),
      type: fc.oneof(fc.constantFrom(...MENU_BUTTON_TYPES), anyValue),
      key: fc.oneof(fc.string({ maxLength: 140 }), anyValue),
      url: fc.oneof(fc.webUrl(), anyValue),
      sub_button: fc.oneof(
        { depthSize: "small" },
        fc.constant([]),
        fc.array(tie("button"), { maxLength: 6 }),
        anyValue,
      ),
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
}));

/** A chain of `depth` buttons, each the only sub-button of the one above. */
function chain(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { name: "x", type: "click", key: "k" };
  for (let i = 1; i < depth; i += 1) node = { name: "x", sub_button: [node] };
  return { button: [node] };
}

describe("menu.validate with any input (property)", () => {
  it("answers WeChat's problems or refuses with bad_input; never another error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ button: fc.array(button, { maxLength: 5 }) }),
          fc.record({ button: anyValue }),
          fc.jsonValue(),
        ),
        async (menu) => {
          await validate(menu);
        },
      ),
      RUNS,
    );
  });

  it("a third level is WeChat's too_deep problem; deeper is bad_input, however deep", async () => {
    expect(await validate(chain(3))).toEqual({ problems: expect.arrayContaining(["too_deep"]) });
    // A recursive schema without a bound overflowed the stack here (RangeError → the bridge's 500).
    expect(await validate(chain(5_000))).toEqual({ refused: "bad_input" });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: 20_000 }), async (depth) => {
        expect(await validate(chain(depth))).toEqual({ refused: "bad_input" });
      }),
      { numRuns: 25 },
    );
  });
});
