import { MENU_BUTTON_TYPES, type MenuProblem } from "@wxdesk/wechat";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeskError, DeskMethod } from "../desk-api.js";
import { createDeskHost } from "./create-desk-host.js";
import { DeskApiError } from "./desk-api-error.js";
import type { DeskHost } from "./desk-host.js";
import { tempDataDir } from "./testing/temp-data-dir.js";
import { memoryKeychain } from "./testing/test-keychains.js";

let host: DeskHost;
const dir = tempDataDir();
beforeAll(async () => {
  host = await createDeskHost(
    { dataDir: dir.path, transport: "web", appVersion: "1.0.0" },
    { keychain: memoryKeychain() },
  );
});
afterAll(async () => {
  await host.close();
  dir.remove();
});

async function rejection(method: string, args: unknown): Promise<DeskError> {
  try {
    await host.call(method as DeskMethod, args as unknown[]);
  } catch (error) {
    return error as DeskError;
  }
  throw new Error(`${method} did not reject`);
}

const SECRET = "do-not-echo-this-secret!";

describe("call() checks every argument before anything runs", () => {
  it.each([
    [
      "profiles.add",
      [{ name: "x", serverUrl: "ftp://example.com", role: "admin", key: "k".repeat(30) }],
      "args[0].serverUrl",
    ],
    [
      "profiles.add",
      [{ name: "x", serverUrl: "https://wx.example.com", role: "owner", key: "k".repeat(30) }],
      "args[0].role",
    ],
    [
      "profiles.add",
      [{ name: "", serverUrl: "https://wx.example.com", role: "admin", key: "k".repeat(30) }],
      "args[0].name",
    ],
    ["profiles.edit", ["local", {}], "args[1]"],
    ["profiles.setActive", ["../../etc"], "args[0]"],
    ["menu.history", ["5"], "args[0]"],
    ["menu.history", [0], "args[0]"],
    ["menu.rollback", [1.5], "args[0]"],
    ["menu.validate", [{ buttons: [] }], "args[0].button"],
    ["menu.publish", [{ button: [{ name: 3 }] }], "args[0].button[0].name"],
    ["users.get", ["a/../../b"], "args[0]"],
    ["users.search", [{ limit: 1000 }], "args[0].limit"],
    ["links.qr", [{ text: "https://x", format: "gif" }], "args[0].format"],
    ["links.build", [{ scope: "snsapi_login", next: "/" }], "args[0].scope"],
    ["links.check", [{ url: "" }], "args[0].url"],
    ["links.check", [{ url: `https://x/${"a".repeat(4096)}` }], "args[0].url"],
    ["sandbox.tapMenu", [{ openid: "o1" }], "args[0].key"],
    ["replies.save", [{ click: { A: { type: "video" } } }], "args[0].click.A.type"],
    ["app.saveSettings", [{ theme: "neon" }], "args[0].theme"],
  ])("%s %j → bad_input at %s", async (method, args, field) => {
    const error = await rejection(method, args);
    expect(error.code).toBe("bad_input");
    expect(error.details?.field).toBe(field);
    expect(error.message).toContain(method);
    expect(error.messageZh).toContain("输入有误");
  });

  it("too many or too few arguments, an unknown method, args that are not a list", async () => {
    expect((await rejection("app.info", [1])).code).toBe("bad_input");
    expect((await rejection("users.get", [])).code).toBe("bad_input");
    expect((await rejection("users.delete", ["o1"])).code).toBe("bad_input");
    expect((await rejection("activity.subscribe", [])).code).toBe("bad_input");
    expect((await rejection("app.info", "nope")).code).toBe("bad_input");
  });

  it("a bad key is refused without repeating it", async () => {
    const error = await rejection("profiles.add", [
      { name: "x", serverUrl: "https://wx.example.com", role: "admin", key: `${SECRET} with spaces` },
    ]);
    expect(error.details?.field).toBe("args[0].key");
    expect(error.messageZh).toContain("24–512 个可见字符");
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it("a menu that breaks WeChat's rules is not bad input: validate returns the problems", async () => {
    const menu = { button: [1, 2, 3, 4].map((n) => ({ type: "click", name: `按钮${n}`, key: `K${n}` })) };
    const problems = (await host.call("menu.validate", [menu])) as Array<{ errcode: number; path: string }>;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.errcode).toBe(40016);
  });

  it("validate names two buttons with one key on both, as wxdesk's rule (WeChat would accept it)", async () => {
    const menu = {
      button: [
        {
          name: "扫码",
          sub_button: [
            { type: "click", name: "微信", key: "wx_qr_code" },
            { type: "click", name: "微博", key: "wx_qr_code" },
          ],
        },
      ],
    };
    const problems = (await host.call("menu.validate", [menu])) as MenuProblem[];
    expect(problems.map((p) => [p.path, p.code, p.rule, p.errcode])).toEqual([
      ["button[0].sub_button[0].key", "key_duplicate", "wxdesk", undefined],
      ["button[0].sub_button[1].key", "key_duplicate", "wxdesk", undefined],
    ]);
  });

  it("good input reaches the method: diff, and QR codes as data URLs", async () => {
    const changes = (await host.call("menu.diff", [
      { button: [{ type: "click", name: "签到", key: "SIGN_IN" }] },
      null,
    ])) as Array<{ kind: string }>;
    expect(changes.map((c) => c.kind)).toEqual(["added"]);

    const png = (await host.call("links.qr", [
      { text: "https://wx.example.com/oauth/start", format: "png" },
    ])) as {
      dataUrl: string;
    };
    expect(png.dataUrl.startsWith("data:image/png;base64,")).toBe(true);
    const bytes = Buffer.from(png.dataUrl.split(",")[1] ?? "", "base64");
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    // Large enough to print (IHDR: width and height at bytes 16 and 20).
    expect(bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);
    expect(bytes.readUInt32BE(20)).toBe(bytes.readUInt32BE(16));

    const svg = (await host.call("links.qr", [
      { text: "https://wx.example.com/oauth/start", format: "svg" },
    ])) as {
      dataUrl: string;
    };
    expect(svg.dataUrl.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(Buffer.from(svg.dataUrl.split(",")[1] ?? "", "base64").toString("utf8")).toContain("<svg");
  });

  it("a serverUrl is normalised (trailing slash dropped)", async () => {
    const view = (await host.call("profiles.add", [
      { name: "x", serverUrl: "https://wx.example.com/", role: "support", key: "k".repeat(30) },
    ])) as { serverUrl: string; role: string };
    expect(view).toMatchObject({ serverUrl: "https://wx.example.com", role: "support" });
  });
});

// Property tests for the menu the renderer (or a web-bridge client) hands the desktop: whatever the JSON,
// `menu.validate` answers with WeChat's problems or refuses with bad_input in Chinese and English — never
// another error (which the bridge would turn into a 500 "internal"). WXDESK_FC_RUNS=5000 for a deeper run.
const RUNS = { numRuns: Number(process.env.WXDESK_FC_RUNS) || 200 };

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
