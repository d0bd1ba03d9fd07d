// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./copy-text.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("copyText", () => {
  it("uses the Clipboard API when it works", async () => {
    expect(await copyText("https://example.com/a")).toBe(true);
    expect(await navigator.clipboard.readText()).toBe("https://example.com/a");
  });

  it("falls back to select-and-copy when the Clipboard API refuses, and leaves nothing behind", async () => {
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new Error("not allowed"));
    let copied = "";
    // happy-dom has no execCommand; stand in for the browser's copy of the current selection.
    document.execCommand = vi.fn(() => {
      copied = (document.activeElement as HTMLTextAreaElement | null)?.value ?? "";
      return true;
    });
    expect(await copyText("链接 https://example.com/b")).toBe(true);
    expect(document.execCommand).toHaveBeenCalledWith("copy");
    expect(copied).toBe("链接 https://example.com/b");
    expect(document.querySelector("textarea")).toBeNull();
  });
});
