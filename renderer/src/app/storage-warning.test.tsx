// @vitest-environment happy-dom
import "../testing/dom-setup.js";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installMemoryDesk } from "../testing/install-memory-desk.js";
import { App } from "./app.js";

const TITLE = "用户数据可能会丢失：Redis 没有开启持久化";

describe("storage banner", () => {
  it("a server whose Redis has no persistence: a plain-words warning, what to do, and a re-check", async () => {
    const desk = await installMemoryDesk({ storage: { kind: "redis", persistence: "none" } });
    render(<App />);
    const banner = (await screen.findByText(TITLE)).closest(".banner");
    expect(banner?.getAttribute("role")).toBe("status");
    expect(banner?.textContent).toContain("所有已经授权的用户都会丢失");
    expect(banner?.textContent).toContain("appendonly yes");

    // Whoever runs the server turns AOF on; "重新检查" asks again and the banner goes.
    desk.state.storage = { kind: "redis", persistence: "aof" };
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "重新检查" }));
    });
    expect(screen.queryByText(TITLE)).toBeNull();
  });

  it("speaks English when the app does", async () => {
    await installMemoryDesk({ lang: "en", storage: { kind: "redis", persistence: "none" } });
    render(<App />);
    expect(await screen.findByText("User data can be lost: Redis has no persistence")).toBeTruthy();
  });

  it.each([
    ["SQLite", { kind: "sqlite", persistence: "file" }],
    ["Redis with AOF", { kind: "redis", persistence: "aof" }],
  ] as const)("%s: no banner", async (_name, storage) => {
    await installMemoryDesk({ storage });
    render(<App />);
    expect(await screen.findByText(/已连接/)).toBeTruthy();
    expect(screen.queryByText(TITLE)).toBeNull();
  });
});
