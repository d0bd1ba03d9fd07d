// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshNavStore() {
  vi.resetModules();
  return (await import("./nav-store.js")).useNavStore;
}

afterEach(() => {
  history.replaceState(null, "", "#");
});

describe("nav store: the current screen survives a reload", () => {
  it("starts on the screen the address's hash names", async () => {
    history.replaceState(null, "", "#users");
    expect((await freshNavStore()).getState().screen).toBe("users");
  });

  it("starts on the menu editor when the hash names no screen", async () => {
    for (const hash of ["", "#", "#nonsense", "#users/oABC", "#__proto__"]) {
      history.replaceState(null, "", hash || location.pathname);
      expect((await freshNavStore()).getState().screen, hash).toBe("menu");
    }
  });

  it("writes every change of screen into the hash, without adding history entries", async () => {
    const nav = await freshNavStore();
    const entries = history.length;
    nav.getState().navigate("activity");
    expect(location.hash).toBe("#activity");
    nav.getState().openUser("oSECRETISH123");
    // Navigation state only: which user is open never goes into the address.
    expect(location.hash).toBe("#users");
    nav.setState({ screen: "replies" });
    expect(location.hash).toBe("#replies");
    expect(history.length).toBe(entries);
  });

  it("hands a user to open over once", async () => {
    const nav = await freshNavStore();
    nav.getState().openUser("o1");
    expect(nav.getState().screen).toBe("users");
    expect(nav.getState().takeUserToOpen()).toBe("o1");
    expect(nav.getState().takeUserToOpen()).toBeUndefined();
  });
});
