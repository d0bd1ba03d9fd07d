import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WeChatApiError } from "@wxdesk/wechat";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APPID, type Harness, SECRET, startHarness } from "../testing/sandbox-harness.js";

let dir: string;
let file: string;
const open: Harness[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sandbox-state-"));
  file = join(dir, "sandbox-state.json");
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: { stateFile?: string } = { stateFile: file }): Promise<Harness> {
  const h = await startHarness(options);
  open.push(h);
  return h;
}

async function stop(h: Harness): Promise<void> {
  open.splice(open.indexOf(h), 1);
  await h.close();
}

const MENU = {
  button: [
    { type: "view" as const, name: "我的主页", url: "http://127.0.0.1:7400/oauth/start?link=x" },
    { type: "click" as const, name: "签到", key: "SIGN_IN" },
  ],
};

async function errcodeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof WeChatApiError) return error.errcode;
    throw error;
  }
}

describe("stateFile: a sandbox that remembers across a restart", () => {
  it("keeps tokens, tickets, menus (with conditional ones), users, codes and the clock; new ids never repeat", async () => {
    const first = await start();
    const stable = await first.client.getStableAccessToken({ appid: APPID, secret: SECRET });
    const ticket = await first.client.getTicket(stable.accessToken, "jsapi");
    await first.client.createMenu(stable.accessToken, MENU);
    const vip = await first.client.addConditionalMenu(stable.accessToken, {
      button: [{ type: "click", name: "VIP", key: "VIP" }],
      matchrule: { tag_id: "100" },
    });
    const added = (await (await first.post("/_sandbox/users", { nickname: "新来的" })).json()) as {
      id: string;
      openid: string;
    };
    const usedCode = await first.code({ openid: added.openid });
    const sns = await first.client.exchangeCode({ appid: APPID, secret: SECRET, code: usedCode });
    const freshCode = await first.code();
    await first.advance(200); // less than a code's 5 minutes
    const before = await first.json<{ now: number }>("/_sandbox/clock");
    await stop(first);

    const second = await start();
    expect(second.url).not.toBe(first.url); // another port, same memory
    expect(second.sandbox.stateLoad).toBe("restored");
    // The global token survives: stable_token hands back the same one, still valid for menu calls.
    const again = await second.client.getStableAccessToken({ appid: APPID, secret: SECRET });
    expect(again.accessToken).toBe(stable.accessToken);
    expect(again.expiresIn).toBeLessThanOrEqual(stable.expiresIn - 200);
    expect((await second.client.getTicket(again.accessToken, "jsapi")).ticket).toBe(ticket.ticket);
    const live = await second.client.getMenu(stable.accessToken);
    expect(live?.menu.button.map((b) => b.name)).toEqual(["我的主页", "签到"]);
    expect(live?.conditionalmenu?.map((c) => String(c.menuid))).toEqual([vip.menuid]);
    // The user added through the control API is still there, with their token.
    const users = await second.json<Array<{ id: string; openid: string }>>("/_sandbox/users");
    expect(users.find((u) => u.id === added.id)?.openid).toBe(added.openid);
    const info = await second.client.getUserInfo({ accessToken: sns.accessToken, openid: sns.openid });
    expect(info.nickname).toBe("新来的");
    const refreshed = await second.client.refreshUserToken({ appid: APPID, refreshToken: sns.refreshToken });
    expect(refreshed.accessToken).toBe(sns.accessToken);
    // A used code stays used (40163); an unused one still works once.
    expect(
      await errcodeOf(second.client.exchangeCode({ appid: APPID, secret: SECRET, code: usedCode })),
    ).toBe(40163);
    expect(
      (await second.client.exchangeCode({ appid: APPID, secret: SECRET, code: freshCode })).openid,
    ).toEqual(expect.any(String));
    // Virtual time kept its offset.
    const after = await second.json<{ now: number }>("/_sandbox/clock");
    expect(after.now).toBeGreaterThanOrEqual(before.now);
    expect(after.now - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(199);
    // Nothing handed out after the restart repeats what was handed out before it.
    const newCode = await second.code();
    expect([usedCode, freshCode]).not.toContain(newCode);
    const other = await second.client.addConditionalMenu(stable.accessToken, {
      button: [{ type: "click", name: "安卓", key: "ANDROID" }],
      matchrule: { client_platform_type: "2" },
    });
    expect(Number(other.menuid)).toBeGreaterThan(Number(vip.menuid));
  });

  it("a restored sandbox never hands out a code it handed out before (same seed, same first draw)", async () => {
    const first = await start();
    const before = await first.code();
    await stop(first);
    const second = await start();
    const after = await second.code();
    expect(after).not.toBe(before);
    // Both stay what they are: the old one once, the new one once.
    expect((await second.client.exchangeCode({ appid: APPID, secret: SECRET, code: before })).openid).toEqual(
      expect.any(String),
    );
    expect((await second.client.exchangeCode({ appid: APPID, secret: SECRET, code: after })).openid).toEqual(
      expect.any(String),
    );
  });

  it("writes within a moment of a change, before any close (a crash loses at most that moment)", async () => {
    const h = await start();
    const token = await h.globalToken();
    await h.client.createMenu(token, MENU);
    const deadline = Date.now() + 5000;
    const saved = () => existsSync(file) && readFileSync(file, "utf8").includes("我的主页");
    while (!saved() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(saved()).toBe(true);
    // Only the owner may read it (the tokens in it are fake, but tokens all the same).
    if (process.platform !== "win32") expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("a reset is remembered too: the next start has no menu", async () => {
    const first = await start();
    await first.client.createMenu(await first.globalToken(), MENU);
    await first.post("/_sandbox/reset", {});
    await stop(first);
    const second = await start();
    expect(await second.client.getMenu(await second.globalToken())).toBeNull();
  });

  it("an unreadable file is kept aside and the sandbox starts afresh", async () => {
    writeFileSync(file, '{"version":1,"menus":');
    const h = await start();
    expect(h.sandbox.stateLoad).toBe("broken");
    const kept = readdirSync(dir).filter((f) => f.startsWith("sandbox-state.json.broken-"));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0] ?? ""), "utf8")).toBe('{"version":1,"menus":');
    expect(await h.client.getMenu(await h.globalToken())).toBeNull();
  });

  it("without a stateFile the sandbox forgets everything and writes nothing (npm run sandbox)", async () => {
    const first = await start({});
    expect(first.sandbox.stateLoad).toBeUndefined();
    await first.client.createMenu(await first.globalToken(), MENU);
    await stop(first);
    const second = await start({});
    expect(await second.client.getMenu(await second.globalToken())).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a first start with a state file that does not exist yet says so", async () => {
    const h = await start();
    expect(h.sandbox.stateLoad).toBe("missing");
  });
});
