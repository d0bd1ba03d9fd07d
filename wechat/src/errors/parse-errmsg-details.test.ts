import { describe, expect, it } from "vitest";
import { parseErrmsgDetails } from "./parse-errmsg-details.js";

describe("parseErrmsgDetails", () => {
  it("reads the newer rid suffix", () => {
    expect(parseErrmsgDetails("invalid code, rid: 613033ae-4a5a9224-3a2b9999")).toEqual({
      rid: "613033ae-4a5a9224-3a2b9999",
    });
  });

  it("reads the older hints req_id suffix", () => {
    expect(parseErrmsgDetails("invalid credential, hints: [ req_id: Ab12cD3e ]")).toEqual({
      rid: "Ab12cD3e",
    });
  });

  it("reads the caller IP from a 40164 errmsg", () => {
    expect(
      parseErrmsgDetails("invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 6543aa-bb-cc"),
    ).toEqual({ rid: "6543aa-bb-cc", callerIp: "1.2.3.4" });
    expect(parseErrmsgDetails("invalid ip 203.0.113.9, not in whitelist")).toEqual({
      callerIp: "203.0.113.9",
    });
  });

  it("returns nothing for plain messages", () => {
    expect(parseErrmsgDetails("system error")).toEqual({});
    expect(parseErrmsgDetails("")).toEqual({});
  });
});
