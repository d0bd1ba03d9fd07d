import { jssdkSignature } from "@wxdesk/wechat";
import { afterEach, describe, expect, it } from "vitest";
import { SandboxEnvError, sandboxOptionsFromEnv } from "./sandbox-env.js";
import type { SandboxOptions } from "./state/fixtures.js";
import { APPID, type Harness, listUsers, SECRET, startHarness } from "./testing/sandbox-harness.js";

/**
 * A rehearsal on the real domain: the callback at https://wx.example.com must not meet 10003, a
 * JS-SDK page there must pass `wx.config`, and avatars must be https when pages are.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function sandbox(options: SandboxOptions): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

async function consent(harness: Harness, redirectUri: string) {
  const res = await harness.post("/_sandbox/consent", {
    appid: APPID,
    redirect_uri: redirectUri,
    scope: "snsapi_userinfo",
    state: "rehearsal1",
  });
  return { status: res.status, body: (await res.json()) as { location?: string; error?: { code: string } } };
}

async function verifyPage(harness: Harness, page: string) {
  const token = await harness.globalToken();
  const { ticket } = await harness.client.getTicket(token, "jsapi");
  const config = { appId: APPID, timestamp: 1700000000, nonceStr: "rehearsalNonce1" };
  const signature = jssdkSignature({
    ticket,
    nonceStr: config.nonceStr,
    timestamp: config.timestamp,
    url: page,
  });
  const res = await harness.post("/_sandbox/jssdk/verify", { ...config, signature, url: page });
  return ((await res.json()) as { errmsg: string }).errmsg;
}

describe("sandboxOptionsFromEnv (SANDBOX_OAUTH_DOMAINS, SANDBOX_JSSDK_DOMAINS, SANDBOX_PUBLIC_URL)", () => {
  it("reads comma-separated domains and the public origin; absent variables add nothing", () => {
    expect(sandboxOptionsFromEnv({})).toEqual({});
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_OAUTH_DOMAINS: " WX.example.com, shop.example.com ,",
        SANDBOX_JSSDK_DOMAINS: "m.example.com",
        SANDBOX_PUBLIC_URL: "https://sandbox.example.com/",
      }),
    ).toEqual({
      oauthDomains: ["wx.example.com", "shop.example.com"],
      jssdkDomains: ["m.example.com"],
      publicUrl: "https://sandbox.example.com",
    });
  });

  it.each([
    ["SANDBOX_OAUTH_DOMAINS", "https://wx.example.com"],
    ["SANDBOX_OAUTH_DOMAINS", "wx.example.com:443"],
    ["SANDBOX_JSSDK_DOMAINS", "wx.example.com/page"],
    ["SANDBOX_PUBLIC_URL", "https://sandbox.example.com/path"],
    ["SANDBOX_PUBLIC_URL", "sandbox.example.com"],
  ])("refuses %s=%s with words in Chinese and English", (name, value) => {
    let thrown: unknown;
    try {
      sandboxOptionsFromEnv({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SandboxEnvError);
    const [problem] = (thrown as SandboxEnvError).problems;
    expect(problem?.name).toBe(name);
    expect(problem?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(problem?.messageEn).toContain(name);
  });
});

describe("a sandbox that knows the real domain", () => {
  const callback = "https://wx.example.com/oauth/callback";

  it("sends the user back to an added OAuth domain instead of showing 10003", async () => {
    const plain = await sandbox({});
    expect((await consent(plain, callback)).body.error?.code).toBe("10003");
    await plain.close();

    const rehearsal = await sandbox({ oauthDomains: ["wx.example.com"] });
    const answer = await consent(rehearsal, callback);
    expect(answer.status).toBe(200);
    const location = new URL(answer.body.location ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(callback);
    expect(location.searchParams.get("state")).toBe("rehearsal1");
    // The defaults stay: loopback callbacks still work.
    expect((await consent(rehearsal, "http://127.0.0.1:7200/oauth/callback")).status).toBe(200);
  });

  it("accepts wx.config on an added JS-SDK domain; an OAuth domain alone is not one (two lists, as in the MP console)", async () => {
    const page = "https://wx.example.com/shop?id=7";
    const oauthOnly = await sandbox({ oauthDomains: ["wx.example.com"] });
    expect(await verifyPage(oauthOnly, page)).toBe("config:invalid url domain");
    await oauthOnly.close();

    const both = await sandbox({ oauthDomains: ["wx.example.com"], jssdkDomains: ["wx.example.com"] });
    expect(await verifyPage(both, page)).toBe("config:ok");
    expect(await verifyPage(both, "http://127.0.0.1:3000/shop")).toBe("config:ok");
  });

  it("gives https avatars under SANDBOX_PUBLIC_URL, whatever address the server used", async () => {
    const plain = await sandbox({});
    expect((await listUsers(plain))[0]?.headimgurl.startsWith(`${plain.url}/_sandbox/avatar/`)).toBe(true);
    await plain.close();

    const behindTls = await sandbox(
      sandboxOptionsFromEnv({ SANDBOX_PUBLIC_URL: "https://sandbox.example.com" }),
    );
    const [user] = await listUsers(behindTls);
    const token = await behindTls.client.exchangeCode({
      appid: APPID,
      secret: SECRET,
      code: await behindTls.code({ openid: user?.openid as string }),
    });
    const info = await behindTls.client.getUserInfo({ accessToken: token.accessToken, openid: token.openid });
    expect(info.headimgurl).toBe(`https://sandbox.example.com/_sandbox/avatar/${token.openid}/132`);
    expect(user?.headimgurl.startsWith("https://sandbox.example.com/")).toBe(true);
  });
});
