import { describe, expect, it } from "vitest";
import type { BuiltLinks, UserPage } from "../desk-api.js";
import { rejection } from "./testing/local-desk.js";
import { localDeskForFile } from "./testing/local-desk-for-file.js";
import { PhoneBrowser } from "./testing/phone-browser.js";

/**
 * `sandbox.consentUrl`: what a phone-sized window opening the URL sees, hop by hop — a browser
 * that keeps its own cookies (per host, like a real one) and follows redirects.
 */
let links: BuiltLinks;
const d = localDeskForFile(async (d) => {
  links = await d.rec.call<BuiltLinks>("links.build", { scope: "snsapi_userinfo", next: "/" });
});

describe("sandbox.consentUrl", () => {
  it("consentUrl opens the consent sheet as the chosen user in a fresh window, for a start link", async () => {
    const zhang = d.byName("张伟");
    const { url } = await d.rec.call<{ url: string }>("sandbox.consentUrl", {
      link: links.startUrl,
      openid: zhang.openid,
    });
    const phone = new PhoneBrowser();
    const sheet = await phone.open(url);
    expect(sheet.response.status).toBe(200);
    const html = await sheet.response.text();
    expect(html).toContain("张伟");
    // The window went through the server's /oauth/start itself: its state is bound to this window.
    expect(phone.visited.some((v) => v.startsWith(`${d.status.serverUrl}/oauth/start?link=`))).toBe(true);
    expect(phone.cookie("wxdesk_oauth")).toBeTruthy();
    const done = await phone.decide(sheet.url, html, "allow");
    expect(done.url).toBe(`${d.status.serverUrl}/`);
    expect(done.response.status).toBe(200);
    expect(await done.response.text()).toContain("你好，张伟");
    const page = await d.rec.call<UserPage>("users.search", { q: zhang.openid });
    expect(page.users.map((u) => u.openid)).toEqual([zhang.openid]);
  });

  it("consentUrl for the direct link, and refusals for links that are not the sandbox's or unknown users", async () => {
    const li = d.byName("李娜🌸");
    const { url } = await d.rec.call<{ url: string }>("sandbox.consentUrl", {
      link: links.directUrl,
      openid: li.openid,
    });
    expect(new URL(url).searchParams.get("sandbox_openid")).toBe(li.openid);
    const phone = new PhoneBrowser();
    const sheet = await phone.open(url);
    const html = await sheet.response.text();
    expect(html).toContain("李娜");
    const done = await phone.decide(sheet.url, html, "allow");
    expect(done.response.status).toBe(200);
    expect((await d.rec.call<UserPage>("users.search", { q: li.openid })).users).toHaveLength(1);

    const foreign = await rejection(
      d.rec.call("sandbox.consentUrl", {
        link: "https://open.weixin.qq.com/connect/oauth2/authorize?appid=x",
        openid: li.openid,
      }),
    );
    expect(foreign.code).toBe("not_sandbox_link");
    const stranger = await rejection(
      d.rec.call("sandbox.consentUrl", { link: links.startUrl, openid: "oNoSuchUser" }),
    );
    expect(stranger.code).toBe("unknown_user");
  });
});
