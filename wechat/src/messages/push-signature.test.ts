import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messageSignature, pushSignature, verifySignature } from "./push-signature.js";

describe("pushSignature (§9.1)", () => {
  it("matches the wechatpy vector", () => {
    expect(pushSignature("test", "1410685589", "test")).toBe("f21891de399b4e33a1a93c9a7b8a8fffb5a443ff");
  });

  it("does not depend on argument order (the strings are sorted)", () => {
    expect(pushSignature("1410685589", "test", "test")).toBe(pushSignature("test", "1410685589", "test"));
  });
});

describe("messageSignature (§9.4)", () => {
  it("matches vector A", () => {
    const encrypt =
      "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=";
    expect(messageSignature("123456", "1411525903", "461056294", encrypt)).toBe(
      "74d92dfeb87ba7c714f89d98870ae5eb62dff26d",
    );
  });

  it("matches the echostr vector", () => {
    const echostr =
      "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==";
    expect(messageSignature("123456", "1411443780", "437374425", echostr)).toBe(
      "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
    );
  });
});

describe("verifySignature", () => {
  const good = "f21891de399b4e33a1a93c9a7b8a8fffb5a443ff";

  it("accepts the same digest only, exactly as WeChat writes it (lower-case hex)", () => {
    expect(verifySignature(good, good)).toBe(true);
    expect(verifySignature(good, good.toUpperCase())).toBe(false);
  });

  it("refuses every other string (property)", () => {
    const mutated = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      // One character replaced, e.g. by its upper-case form or a neighbouring hex digit.
      fc
        .tuple(fc.nat({ max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 2 }))
        .map(([at, text]) => good.slice(0, at) + text + good.slice(at + 1)),
      fc
        .nat({ max: good.length - 1 })
        .map((at) => good.slice(0, at) + good.charAt(at).toUpperCase() + good.slice(at + 1)),
    );
    fc.assert(
      fc.property(mutated, (actual) => {
        expect(verifySignature(good, actual)).toBe(actual === good);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["undefined", undefined],
    ["empty", ""],
    ["one character changed", `0${good.slice(1)}`],
    ["shorter", good.slice(0, 39)],
    ["longer", `${good}0`],
  ])("rejects %s", (_label, actual) => {
    expect(verifySignature(good, actual)).toBe(false);
  });

  it("rejects when the expected value is empty", () => {
    expect(verifySignature("", "")).toBe(false);
  });
});
