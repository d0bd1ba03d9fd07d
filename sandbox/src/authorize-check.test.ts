import { describe, expect, it } from "vitest";
import { callbackLocation, checkAuthorize } from "./authorize-check.js";
import { SandboxState } from "./state/sandbox-state.js";

describe("callbackLocation (§1.3)", () => {
  it.each([
    ["http://a.com/cb", { code: "C", state: "S" }, "http://a.com/cb?code=C&state=S"],
    ["http://a.com/cb?x=1", { code: "C", state: "S" }, "http://a.com/cb?x=1&code=C&state=S"],
    ["http://a.com/cb?", { code: "C", state: "" }, "http://a.com/cb?code=C"],
    ["http://a.com/cb#/spa", { code: "C", state: "S" }, "http://a.com/cb?code=C&state=S#/spa"],
    ["http://a.com/cb", { state: "S" }, "http://a.com/cb?state=S"],
    ["http://a.com/cb", { state: "" }, "http://a.com/cb"],
  ])("%s %j → %s", (uri, params, expected) => {
    expect(callbackLocation(uri, params)).toBe(expected);
  });
});

describe("checkAuthorize", () => {
  const state = new SandboxState();
  const ok = {
    appid: "wx00000000000000a1",
    redirect_uri: "http://localhost:9999/x",
    scope: "snsapi_base",
    state: "a",
  };

  it("accepts authorized hosts on any port, and rejects look-alikes", () => {
    expect(checkAuthorize(state, ok).ok).toBe(true);
    for (const uri of [
      "http://127.0.0.1.evil.com/x",
      "http://evil.com/?localhost",
      "ftp://localhost/x",
      "localhost/x",
    ]) {
      const check = checkAuthorize(state, { ...ok, redirect_uri: uri });
      expect(check.ok ? "ok" : check.problem.code).toBe("10003");
    }
  });

  it("allows a 128-byte state but not 129", () => {
    expect(checkAuthorize(state, { ...ok, state: "a".repeat(128) }).ok).toBe(true);
    expect(checkAuthorize(state, { ...ok, state: "a".repeat(129) }).ok).toBe(false);
  });

  it("accepts base64url states (- and _), as WeChat passes them through; refuses other characters", () => {
    // 32 random bytes as base64url: what many servers put in state.
    const base64url = "q-2_Zx9fA0b_C-dE1fG2hH3iI4jJ5kK6lL7mM8nN9oO";
    for (const accepted of [base64url, "-", "_", "a-b_c", `${"-_".repeat(64)}`]) {
      const check = checkAuthorize(state, { ...ok, state: accepted });
      expect(check.ok ? check.state : check.problem.code, accepted).toBe(accepted);
    }
    for (const refused of ["a b", "a+b", "a/b", "a=b", "a.b", "中文", "a%2Db", `${"-".repeat(129)}`]) {
      const check = checkAuthorize(state, { ...ok, state: refused });
      expect(check.ok ? "ok" : check.problem.code, refused).toBe("state_invalid");
    }
  });
});
