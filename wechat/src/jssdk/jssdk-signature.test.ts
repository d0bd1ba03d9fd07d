import { describe, expect, it } from "vitest";
import { jssdkSignature } from "./jssdk-signature.js";

// §8.3 official worked example.
const example = {
  ticket: "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
  nonceStr: "Wm3WZYTPz0wzccnW",
  timestamp: 1414587457,
  url: "http://mp.weixin.qq.com?params=value",
};
const SIGNATURE = "0f9de62fce790f9a083d5c99e95740ceb90c27ed";

describe("jssdkSignature (§8.2)", () => {
  it("matches the official example", () => {
    expect(jssdkSignature(example)).toBe(SIGNATURE);
  });

  it("accepts the timestamp as a string", () => {
    expect(jssdkSignature({ ...example, timestamp: "1414587457" })).toBe(SIGNATURE);
  });

  it("ignores a #fragment on the url", () => {
    expect(jssdkSignature({ ...example, url: `${example.url}#frag` })).toBe(SIGNATURE);
    expect(jssdkSignature({ ...example, url: `${example.url}#/a?b=c#d` })).toBe(SIGNATURE);
  });

  it("signs the url without escaping it", () => {
    const a = jssdkSignature({ ...example, url: "http://a.example/?q=中文 x" });
    const b = jssdkSignature({ ...example, url: "http://a.example/?q=%E4%B8%AD%E6%96%87%20x" });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{40}$/);
  });
});
