import { escapeHtml, html } from "@wxdesk/wechat/html";
import { describe, expect, it } from "vitest";
import { cspHash } from "./content-security.js";
import { LANDING_SCRIPT, landingPage } from "./landing-page.js";
import { bilingual, layout, pageIn } from "./layout.js";
import {
  badRequestPage,
  deniedPage,
  networkRetryPage,
  notFoundPage,
  refusedPage,
  serverErrorPage,
  snapshotPage,
  unavailablePage,
  wechatErrorPage,
} from "./oauth-pages.js";
import { PAGE_CSS } from "./page-styles.js";

describe("pages", () => {
  it("escapes every interpolation once, and nothing twice", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    const inner = html`<b>${"<i>"}</b>`;
    expect(html`<p>${inner}${["<", html`<br>`]}${undefined}${null}${false}${0}</p>`.value).toBe(
      "<p><b>&lt;i&gt;</b>&lt;<br>0</p>",
    );
  });

  it("a page renders only the language that is asked for, each once", () => {
    const asked: string[] = [];
    const page = bilingual((lang) => {
      asked.push(lang);
      return layout({ lang, title: lang, main: html`<p>${lang}</p>` });
    });
    expect(asked).toEqual([]);
    expect(pageIn(page, "en").html).toContain("<p>en</p>");
    expect(asked).toEqual(["en"]);
    expect(page.html).toContain("<p>zh-CN</p>");
    expect(page.csp).toBe(page.en.csp);
    expect(asked).toEqual(["en", "zh-CN"]);
  });

  it("the landing page's inline script and style are exactly what the CSP hashes allow", () => {
    const page = landingPage({
      openid: "oAbcdefghijklmnopqrstuvwxyz1",
      scope: "snsapi_userinfo",
      nickname: "张伟",
    });
    expect(page.html).toContain(`<script>${LANDING_SCRIPT}</script>`);
    expect(page.html).toContain(`<style>${PAGE_CSS}</style>`);
    expect(page.csp).toContain(`script-src ${cspHash(LANDING_SCRIPT)} https://res.wx.qq.com`);
    expect(page.csp).toContain(`style-src ${cspHash(PAGE_CSS)}`);
    expect(page.html).toContain("你好，张伟");
  });

  it("avatars: only http(s), WeChat's CDN upgraded to https; base users greeted by a short openid", () => {
    const js = landingPage({ openid: "oAbc", scope: "snsapi_base", headimgurl: "javascript:alert(1)" });
    expect(js.html).not.toContain("javascript:");
    const cdn = landingPage({
      openid: "oAbc",
      scope: "snsapi_userinfo",
      headimgurl: "http://thirdwx.qlogo.cn/mmopen/x/132",
    });
    expect(cdn.html).toContain('src="https://thirdwx.qlogo.cn/mmopen/x/132"');
    const base = landingPage({ openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc", scope: "snsapi_base" });
    expect(base.html).toContain("你好，oLVPpj…3GLc");
  });

  it("no page has inline event handlers or inline styles; only the landing page has a script", () => {
    const pages = [
      landingPage(undefined),
      landingPage({ openid: "oAbc", scope: "snsapi_base" }),
      deniedPage("/oauth/start?scope=snsapi_userinfo"),
      refusedPage("other_browser", "/oauth/start"),
      refusedPage("next_not_allowed"),
      networkRetryPage("/oauth/start"),
      snapshotPage("/oauth/start?scope=snsapi_userinfo"),
      serverErrorPage("/oauth/start"),
      unavailablePage("/oauth/start?scope=snsapi_base&next=%2F"),
      badRequestPage(),
      notFoundPage(),
      wechatErrorPage(
        {
          errcode: 40029,
          errorClass: "code",
          titleZh: "<b>",
          titleEn: "t",
          detailZh: "d",
          detailEn: "d",
          fixZh: "f",
          fixEn: "f",
        },
        "/oauth/start",
      ),
    ];
    for (const page of pages) {
      expect(page.html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(page.html).not.toMatch(/\sstyle\s*=/i);
      expect(page.html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1');
      expect(page.html).toContain('<html lang="zh-CN">');
    }
    expect(pages.filter((p) => p.html.includes("<script>"))).toHaveLength(1);
    // The doctor's title (from WeChat's catalog) is escaped too, inside 「详情」.
    expect(pages.at(-1)?.html).toContain("<p>给管理员：&lt;b&gt;。f</p>");
  });
});
