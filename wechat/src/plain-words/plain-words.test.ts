import { describe, expect, it } from "vitest";
import { bannedWordsIn, shownText } from "./banned-words.js";
import { pageLanguage } from "./page-language.js";

describe("bannedWordsIn", () => {
  it("finds protocol words in any case, as whole words", () => {
    expect(bannedWordsIn("复制 OpenID", "desktop")).toEqual(["openid"]);
    expect(bannedWordsIn("scope=snsapi_base", "desktop")).toEqual(["snsapi"]);
    expect(bannedWordsIn("JS-SDK：已签名", "phone")).toEqual(["JS-SDK"]);
    expect(bannedWordsIn("The state is unknown", "phone")).toEqual(["state"]);
    expect(bannedWordsIn("用户编号", "desktop")).toEqual([]);
  });

  it("keeps names that only sound alike: OpenID Connect, a QR code, a statement", () => {
    expect(bannedWordsIn("OpenID Connect", "phone")).toEqual([]);
    expect(bannedWordsIn("Scan the QR code", "phone")).toEqual([]);
    expect(bannedWordsIn("a statement, a codec", "phone")).toEqual([]);
  });

  it("allows the admins' own words (AppID, 错误码) on the desktop, not on the phone", () => {
    expect(bannedWordsIn("AppID 和 错误码", "desktop")).toEqual([]);
    expect(bannedWordsIn("AppID 和 错误码", "phone")).toEqual(["appid", "错误码"]);
  });
});

describe("shownText", () => {
  it("drops tags, scripts, styles and 「详情」 disclosures", () => {
    const page = `<html><head><title>t</title><style>.a{}</style></head><body><h1>你好 &amp; 欢迎</h1>
<details><summary>详情</summary><p>错误码 40029</p></details><script>var openid;</script></body></html>`;
    expect(shownText(page)).toBe("你好 & 欢迎");
  });
});

describe("pageLanguage", () => {
  const weChat = (lang: string) =>
    `Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/${lang}`;

  it("follows WeChat's own language first", () => {
    expect(pageLanguage({ "user-agent": weChat("en"), "accept-language": "zh-CN" })).toBe("en");
    expect(pageLanguage({ "user-agent": weChat("zh_CN"), "accept-language": "en-US" })).toBe("zh-CN");
    expect(pageLanguage({ "user-agent": weChat("zh_TW") })).toBe("zh-CN");
  });

  it("then Accept-Language by weight; zh-CN when neither says zh or en", () => {
    expect(pageLanguage({ "accept-language": "en-US,en;q=0.9,zh;q=0.5" })).toBe("en");
    expect(pageLanguage({ "accept-language": "fr;q=1, zh-CN;q=0.4, en;q=0.7" })).toBe("en");
    expect(pageLanguage({ "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("zh-CN");
    expect(pageLanguage({ "accept-language": "de-DE", "user-agent": weChat("de") })).toBe("zh-CN");
    expect(pageLanguage({})).toBe("zh-CN");
  });
});
