import { bannedWordsIn, shownText } from "@wxdesk/wechat/plain-words";
import { describe, expect, it } from "vitest";
import { appSignInErrorPage } from "./app-sign-in-pages.js";
import { landingPage } from "./landing-page.js";
import type { Page } from "./layout.js";
import { noticePage } from "./notice-page.js";
import {
  badRequestPage,
  deniedPage,
  networkRetryPage,
  notFoundPage,
  type RefusalReason,
  refusedPage,
  serverErrorPage,
  snapshotPage,
  unavailablePage,
  wechatErrorPage,
} from "./oauth-pages.js";

const REASONS: RefusalReason[] = [
  "state_missing",
  "state_unknown",
  "state_used",
  "other_browser",
  "next_not_allowed",
  "bad_scope",
  "bad_link",
];

/** Every page a WeChat user can meet on the callback server, by name. */
function everyPage(): Array<[string, Page]> {
  return [
    ["landing (signed out)", landingPage(undefined)],
    [
      "landing (profile)",
      landingPage({ openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc", scope: "snsapi_userinfo", nickname: "李娜" }),
    ],
    ["landing (silent)", landingPage({ openid: "oLVPpjqs9BhvzwPj5A-vTYAX3GLc", scope: "snsapi_base" })],
    ["denied", deniedPage("/oauth/start?scope=snsapi_userinfo")],
    ...REASONS.map((r): [string, Page] => [`refused ${r}`, refusedPage(r, "/oauth/start")]),
    ["network retry", networkRetryPage("/oauth/start", -10002)],
    ["snapshot", snapshotPage("/oauth/start?scope=snsapi_userinfo")],
    ["server error", serverErrorPage("/")],
    ["store down (503)", unavailablePage("/")],
    ["bad request", badRequestPage()],
    ["not found", notFoundPage()],
    [
      "WeChat error",
      wechatErrorPage(
        {
          errcode: 40163,
          errorClass: "code",
          titleZh: "登录码已被使用",
          titleEn: "The sign-in code was already used",
          detailZh: "code been used",
          detailEn: "code been used",
          fixZh: "不要重复使用 code；重新发起授权。",
          fixEn: "Never reuse a code; start the authorization again.",
          rid: "6523a1b2-1c2d3e4f-5a6b7c8d",
        },
        "/oauth/start",
      ),
    ],
    ["app sign-in error", appSignInErrorPage("invalid_redirect_uri", "redirect_uri did not match")],
    ["app sign-in (unknown)", appSignInErrorPage("unsupported_response_type")],
    [
      "notice (forbidden host)",
      noticePage({
        tone: "error",
        titleZh: "无法访问",
        linesZh: ["请用本机地址。"],
        titleEn: "Not here",
        linesEn: ["Use this computer's address."],
        actions: [],
      }),
    ],
  ];
}

const HAN = /\p{Script=Han}/u;
/** Two English words in a row: an English sentence (a nickname or a code alone is not). */
const ENGLISH = /\b[A-Za-z]{2,}\s+[a-z]{3,}\b/;

describe("phone pages speak one language in plain words (issue 10, item 7)", () => {
  it.each(everyPage())("%s: no protocol word in zh-CN or English", (_name, page) => {
    for (const rendered of [page, page.en]) {
      const text = shownText(rendered.html);
      expect(bannedWordsIn(text, "phone"), text).toEqual([]);
    }
  });

  it.each(everyPage())(
    "%s: the zh-CN page has no English sentence, the English page no Chinese",
    (_name, page) => {
      expect(page.html).toContain('<html lang="zh-CN">');
      expect(page.en.html).toContain('<html lang="en">');
      const zh = shownText(page.html);
      const en = shownText(page.en.html).replace("李娜", "");
      expect(zh, zh).not.toMatch(ENGLISH);
      expect(HAN.test(en), en).toBe(false);
    },
  );

  it("keeps the codes support staff ask for behind 「详情」", () => {
    const page = wechatErrorPage(
      {
        errcode: 40029,
        errorClass: "code",
        titleZh: "t",
        titleEn: "t",
        detailZh: "d",
        detailEn: "d",
        fixZh: "f",
        fixEn: "f",
      },
      "/",
    );
    expect(page.html).toMatch(/<details class="details"><summary>详情<\/summary>\s*<p>错误码 40029<\/p>/);
    expect(page.en.html).toMatch(
      /<details class="details"><summary>Details<\/summary>\s*<p>Error code 40029<\/p>/,
    );
  });
});
