import { FIXTURE_USERS, type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspAllowsImage } from "../../shared/testing/csp-allows-image.js";
import { avatarDisplay } from "./avatar-display.js";

let sandbox: StartedSandbox;
let openid: string;
let nickname: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, host: "127.0.0.1", loopbackHostOnly: true });
  const users = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as Array<{
    openid: string;
    nickname: string;
  }>;
  const first = users.find((u) => u.nickname === FIXTURE_USERS[0]?.nickname) ?? users[0];
  if (!first) throw new Error("the sandbox has no users");
  ({ openid, nickname } = first);
});
afterAll(async () => {
  await sandbox?.close();
});

describe("avatars as the renderer gets them", () => {
  it("upgrades WeChat's http avatars to https and keeps https ones", async () => {
    const avatars = avatarDisplay(() => undefined);
    const http =
      "http://wx.qlogo.cn/mmopen/g3MonUZtNHkdmzicIlibx6iaFqAc56vxLSUfpb6n5WKSYVY0ChQKkiaJSgQ1dZuTOgvLLrhJbERQQ4eMsv84eavHiaiceqxibJxCfHe/46";
    const shown = await avatars.show(http);
    expect(shown).toBe(`https${http.slice(4)}`);
    expect(cspAllowsImage(shown ?? "")).toBe(true);
    const https = "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132";
    expect(await avatars.show(https)).toBe(https);
    // What the CSP refused before the upgrade.
    expect(cspAllowsImage(http)).toBe(false);
    expect(await avatars.show(undefined)).toBeUndefined();
    expect(await avatars.show("")).toBeUndefined();
  });

  it("inlines the local sandbox's avatar as a data: URL fetched from the sandbox running now (stored port or not)", async () => {
    const avatars = avatarDisplay(() => sandbox.url);
    // A user stored in an earlier run carries that run's port.
    for (const base of [sandbox.url, "http://127.0.0.1:1", "http://localhost:65000"]) {
      const shown = await avatars.show(`${base}/_sandbox/avatar/${openid}/132`);
      expect(shown, base).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(cspAllowsImage(shown ?? "")).toBe(true);
      const svg = Buffer.from((shown ?? "").split(",")[1] ?? "", "base64").toString("utf8");
      expect(svg).toMatch(/^<svg /);
      expect(svg).toContain(`>${Array.from(nickname)[0]}</text>`);
    }
  });

  it("shows nothing for a sandbox avatar while the local sandbox is not the active, running profile", async () => {
    const avatars = avatarDisplay(() => undefined);
    expect(await avatars.show(`${sandbox.url}/_sandbox/avatar/${openid}/132`)).toBeUndefined();
  });

  it("inlines only the sandbox's avatar path, and only an SVG it answers", async () => {
    const avatars = avatarDisplay(() => sandbox.url);
    expect(await avatars.show(`${sandbox.url}/_sandbox/avatar/${openid}/50`)).toBe(
      `${sandbox.url}/_sandbox/avatar/${openid}/50`,
    );
    expect(await avatars.show(`${sandbox.url}/_sandbox/users`)).toBe(`${sandbox.url}/_sandbox/users`);
    expect(cspAllowsImage(`${sandbox.url}/_sandbox/users`)).toBe(false);
    const stopped = avatarDisplay(() => "http://127.0.0.1:1");
    expect(await stopped.show(`${sandbox.url}/_sandbox/avatar/${openid}/132`)).toBeUndefined();
  });
});
