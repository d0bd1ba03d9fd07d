import { describe, expect, it } from "vitest";
import { settleAddresses } from "./local-addresses.js";

describe("settleAddresses", () => {
  it("first run: remembers the ports it got, nothing moved", () => {
    expect(settleAddresses({}, { sandboxPort: 7400, serverPort: 7401 })).toEqual({
      remember: { sandboxPort: 7400, serverPort: 7401 },
    });
  });

  it("same ports as last time: nothing to say, nothing to write", () => {
    const remembered = { sandboxPort: 7400, serverPort: 7401, formerPorts: [7000] };
    expect(settleAddresses(remembered, { sandboxPort: 7400, serverPort: 7401 })).toEqual({});
  });

  it("a port taken: says where it was, keeps the new one, adds the old one to the former ports", () => {
    expect(
      settleAddresses(
        { sandboxPort: 7400, serverPort: 7401, formerPorts: [7000] },
        { sandboxPort: 7400, serverPort: 9001 },
      ),
    ).toEqual({
      moved: { serverFrom: "http://127.0.0.1:7401" },
      remember: { sandboxPort: 7400, serverPort: 9001, formerPorts: [7000, 7401] },
    });
    expect(
      settleAddresses({ sandboxPort: 7400, serverPort: 7401 }, { sandboxPort: 9000, serverPort: 9001 }).moved,
    ).toEqual({
      sandboxFrom: "http://127.0.0.1:7400",
      serverFrom: "http://127.0.0.1:7401",
    });
  });

  it("keeps at most ten former ports, the newest", () => {
    const formerPorts = Array.from({ length: 10 }, (_, i) => 8000 + i);
    const { remember } = settleAddresses(
      { sandboxPort: 7400, serverPort: 7401, formerPorts },
      { sandboxPort: 7400, serverPort: 9001 },
    );
    expect(remember?.formerPorts).toHaveLength(10);
    expect(remember?.formerPorts?.at(-1)).toBe(7401);
    expect(remember?.formerPorts).not.toContain(8000);
  });
});
