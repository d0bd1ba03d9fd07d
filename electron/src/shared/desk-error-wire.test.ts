import { describe, expect, it } from "vitest";
import { asDeskApiError, DeskApiError } from "../desk/desk-api-error.js";
import { toWireError, transportError } from "./desk-error-wire.js";

describe("one judgement for a thrown value, one text for `internal`", () => {
  const bug = new Error("ENOENT /home/alice/.wxdesk/secret-key.txt");

  it("an unknown error leaves as `internal` with the transports' text, never its own message", () => {
    expect(toWireError(bug)).toEqual(transportError("internal"));
    expect(JSON.stringify(toWireError(bug))).not.toContain("secret-key");
  });

  it("the desk's throwable form says exactly what the wire says", () => {
    const thrown = asDeskApiError(bug);
    expect(thrown).toBeInstanceOf(DeskApiError);
    expect(thrown.toJSON()).toEqual(toWireError(bug));
  });

  it("a DeskError passes with its details; a DeskApiError stays the same object", () => {
    const plain = { code: "bad_input", message: "m", messageZh: "中", details: { field: "appId" } };
    expect(toWireError(plain)).toEqual(plain);
    expect(asDeskApiError(plain).toJSON()).toEqual(plain);
    const own = new DeskApiError("not_found", "gone", "没了");
    expect(asDeskApiError(own)).toBe(own);
    expect(toWireError(own)).toEqual({ code: "not_found", message: "gone", messageZh: "没了" });
  });
});
