import { bannedWordsIn, type PageLang, shownText } from "@wxdesk/wechat/plain-words";
import { describe, expect, it } from "vitest";
import { consentPage, snapshotPage } from "./consent-page.js";
import { errorPage } from "./error-page.js";
import { pickerPage } from "./picker-page.js";

const input = {
  action: "/_sandbox/decide",
  hidden: {
    appid: "wx0123456789abcdef",
    redirect_uri: "https://a.example/cb",
    scope: "snsapi_userinfo",
    state: "s1",
  },
  accountName: "Demo",
  accountAvatar: "/a.png",
  redirectHost: "a.example",
  nickname: "Lina",
  userAvatar: "/u.png",
  switchHref: "/connect/oauth2/authorize?sandbox_switch=1",
};

/** The sandbox's imitations of WeChat's screens a phone user sees, in one language. */
function everyPage(lang: PageLang): Array<[string, string]> {
  return [
    ["consent", consentPage(input, lang)],
    ["snapshot", snapshotPage({ ...input, fullServiceHref: "/full" }, lang)],
    [
      "picker",
      pickerPage(
        {
          accountName: "Demo",
          notice: lang === "en" ? "No test user has the user ID “x”." : "没有用户编号为「x」的测试用户。",
          entries: [
            {
              href: "/x",
              nickname: "Lina",
              avatar: "/a.png",
              meta: { "zh-CN": "iOS · 无微信用户标识", en: "iOS · no WeChat-wide ID" },
            },
          ],
        },
        lang,
      ),
    ],
    [
      "error 10003",
      errorPage(
        {
          code: "10003",
          messageZh: "redirect_uri 域名与后台配置不一致",
          messageEn: "redirect_uri domain mismatch",
        },
        lang,
      ),
    ],
  ];
}

const HAN = /\p{Script=Han}/u;
const ENGLISH = /\b[A-Za-z]{2,}\s+[a-z]{3,}\b/;

describe("the sandbox's phone pages speak one language in plain words (issue 10, item 7)", () => {
  for (const lang of ["zh-CN", "en"] as const) {
    it.each(everyPage(lang))(`%s (${lang}): no protocol word, no second language`, (_name, page) => {
      expect(page).toContain(`<html lang="${lang}">`);
      const text = shownText(page);
      expect(bannedWordsIn(text, "phone"), text).toEqual([]);
      if (lang === "en") expect(HAN.test(text), text).toBe(false);
      else expect(text, text).not.toMatch(ENGLISH);
    });
  }

  it("keeps WeChat's own error code and wording behind 「详情」 for the admin", () => {
    const page = errorPage({ code: "10003", messageZh: "redirect_uri 域名不一致", messageEn: "x" }, "zh-CN");
    expect(page).toMatch(
      /<details><summary>详情<\/summary>\s*<p>错误码：10003<\/p>\s*<p>redirect_uri 域名不一致<\/p>/,
    );
  });
});
