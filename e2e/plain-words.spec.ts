import { bannedWordsIn } from "@wxdesk/wechat/plain-words";
import type { BuiltLinks } from "../electron/src/desk-api.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import { escapeRegExp, goTo, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import { authorizeInBackground, buildStartLink } from "./support/local-users.js";
import { openSandboxPhone } from "./support/sandbox-phone.js";

/**
 * Issue 10, item 7, through the UI in each language: the links screen's 「请留意」 box and the users
 * table speak plain words (no openid, snsapi_…), and a test user who opens the link in the phone window
 * (375×667, a phone set to that language) gets a landing page in that one language, without protocol words.
 */
skipWithoutBrowser();

const PHONE = { width: 375, height: 667 };
const HAN = /\p{Script=Han}/u;
/** Two English words in a row: an English sentence on a Chinese page. */
const ENGLISH = /\b[A-Za-z]{2,}\s+[a-z]{3,}\b/;

for (const lang of LANGS) {
  test.describe(lang, () => {
    // The phone's own language (Accept-Language), as a phone set to English would send it.
    test.use({ locale: lang === "en" ? "en-US" : "zh-CN" });

    test(`${lang}: 请留意 and the users table in plain words; the phone's landing page in one language`, async ({
      page,
      desk,
    }) => {
      const a = authLinkMessages[lang];
      const u = usersMessages[lang];
      const [first, second] = (await sandboxUsers(desk)).filter((x) => !x.snapshot && x.nickname);
      if (!first || !second) throw new Error("the sandbox needs two normal fixture users");
      await authorizeInBackground(desk, await buildStartLink(desk), second.openid);

      await openDesk(page, desk, lang);
      await goTo(page, lang, "links");
      await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(a.scopeUserinfoShort)}`) }).check();
      await page.getByRole("textbox", { name: a.nextLabel }).fill("/");
      await page.getByRole("button", { name: a.build, exact: true }).click();
      const notice = page.getByRole("status").filter({ hasText: a.checkWarning });
      await expect(notice).toBeVisible();
      const noticeText = await notice.innerText();
      expect(bannedWordsIn(noticeText, "desktop"), noticeText).toEqual([]);
      // The kinds of link are called what the options above call them.
      expect(noticeText).toContain(lang === "en" ? '"User confirms"' : "「需用户确认」");
      await page.screenshot({ path: `e2e/screenshots/plain-links-${lang}-1280.png` });

      // The phone window, as the first test user, on a phone in this language.
      const phone = await openSandboxPhone(page, lang, first.nickname);
      await phone.setViewportSize(PHONE);
      const allow = phone.getByRole("button", { name: lang === "en" ? "Allow" : "允许" });
      await expect(allow).toBeVisible();
      await phone.screenshot({ path: `e2e/screenshots/plain-phone-consent-${lang}-375.png` });
      await allow.click();
      const hello = lang === "en" ? `Hello, ${first.nickname}` : `你好，${first.nickname}`;
      await expect(phone.getByRole("heading", { name: hello })).toBeVisible();
      await expect(phone.locator("html")).toHaveAttribute("lang", lang);
      const shown = (await phone.locator("body").innerText()).replace(first.nickname, "");
      expect(bannedWordsIn(shown, "phone"), shown).toEqual([]);
      if (lang === "en") expect(HAN.test(shown), shown).toBe(false);
      else expect(shown, shown).not.toMatch(ENGLISH);
      await phone.screenshot({ path: `e2e/screenshots/plain-phone-landing-${lang}-375.png` });

      // The other pages a phone can meet: the snapshot notice, an expired link, WeChat's error page.
      const foreign = new URL(
        ((await desk.host.call("links.build", [{ scope: "snsapi_base", next: "/" }])) as BuiltLinks)
          .directUrl,
      );
      foreign.searchParams.set("redirect_uri", "https://evil.example.com/cb");
      const pages: Array<[string, string]> = [
        ["snapshot", `${desk.serverUrl}/oauth/snapshot?next=%2F`],
        ["expired", `${desk.serverUrl}/oauth/callback?code=c0de&state=unknownState1`],
        ["wechat-error", foreign.href],
        // A target page the server does not have (the desktop's hint names /shop as an example).
        ["not-found", `${desk.serverUrl}/shop`],
      ];
      for (const [name, url] of pages) {
        await phone.goto(url);
        await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(phone.locator("html")).toHaveAttribute("lang", lang);
        const text = await phone.locator("body").innerText();
        expect(bannedWordsIn(text, "phone"), `${name}: ${text}`).toEqual([]);
        if (lang === "en") expect(HAN.test(text), `${name}: ${text}`).toBe(false);
        else expect(text, `${name}: ${text}`).not.toMatch(ENGLISH);
        await phone.screenshot({ path: `e2e/screenshots/plain-phone-${name}-${lang}-375.png` });
      }
      await phone.close();

      // The users table: plain column names; the raw user ID is still there to copy.
      await goTo(page, lang, "users");
      const table = page.getByRole("table", { name: u.tableLabel });
      await expect(table.getByRole("columnheader", { name: u.colOpenid, exact: true })).toBeVisible();
      const headers = await table.getByRole("columnheader").allInnerTexts();
      expect(bannedWordsIn(headers.join(" | "), "desktop"), headers.join(" | ")).toEqual([]);
      const row = table.getByRole("row").filter({ hasText: second.openid });
      await expect(row.getByRole("button", { name: u.copyOpenid })).toBeVisible();
      await row.getByRole("button", { name: second.nickname }).click();
      const panel = page.getByRole("complementary", { name: userDetailMessages[lang].panelLabel });
      await expect(panel.getByText(userDetailMessages[lang].openid, { exact: true }).first()).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/plain-users-${lang}-1280.png` });
    });
  });
}
