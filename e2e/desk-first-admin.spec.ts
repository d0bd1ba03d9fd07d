import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { appMessages } from "../renderer/src/app/app-messages.js";
import { activityMessages } from "../renderer/src/features/activity/activity-messages.js";
import { linksMessages } from "../renderer/src/features/links/links-messages.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { type DeskBridge, sandboxUsers } from "./support/desk-bridge.js";
import {
  escapeRegExp,
  expectNoSidewaysScroll,
  expectSameDocument,
  goTo,
  LANGS,
  type Lang,
  markDocument,
  openDesk,
} from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import { authorizeInBackground, buildStartLink } from "./support/local-users.js";
import { openSandboxPhone } from "./support/sandbox-phone.js";

/**
 * What a first-time admin met (issue 10), walked through as they would: the link checker on the app's
 * own links, one QR code that says what to do in the sandbox, counts that follow the list and live
 * sign-ins, a toast when a test user signs in in the phone window, 动态 rows that open the user, the
 * detail that says when the search no longer finds its user, and a reload that stays on the screen.
 * Screenshots of each screen land in e2e/screenshots/first-admin-*.
 */
skipWithoutBrowser();

async function normalUsers(desk: DeskBridge, count: number) {
  const users = (await sandboxUsers(desk)).filter((u) => !u.snapshot && u.nickname).slice(0, count);
  if (users.length < count) throw new Error(`the sandbox has fewer than ${count} normal fixture users`);
  return users;
}

/** Nothing inside `box` reaches past its right edge (a long address wraps instead of spilling out). */
async function expectContained(box: Locator): Promise<void> {
  const spill = await box.evaluate((element) => {
    const right = element.getBoundingClientRect().right;
    let worst = 0;
    for (const child of element.querySelectorAll("*")) {
      worst = Math.max(worst, child.getBoundingClientRect().right - right);
    }
    return { worst, scroll: element.scrollWidth - element.clientWidth };
  });
  expect(spill.worst).toBeLessThanOrEqual(1);
  expect(spill.scroll).toBeLessThanOrEqual(0);
}

async function pasteLink(page: Page, lang: Lang, link: string): Promise<void> {
  await page.getByRole("textbox", { name: linksMessages[lang].pasteLabel }).fill(link);
}

function shot(page: Page, name: string, lang: Lang): Promise<Buffer> {
  return page.screenshot({
    path: `e2e/screenshots/first-admin-${name}-${lang === "zh-CN" ? "zh" : "en"}-1280.png`,
  });
}

for (const lang of LANGS) {
  test(`${lang}: the link checker passes the app's own links and says what really breaks one; one QR code to print`, async ({
    page,
    desk,
  }) => {
    const l = linksMessages[lang];
    const a = authLinkMessages[lang];
    await openDesk(page, desk, lang);
    await goTo(page, lang, "links");
    await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(a.scopeBaseShort)}`) }).check();
    await page.getByRole("textbox", { name: a.nextLabel }).fill("/");
    await page.getByRole("button", { name: a.build, exact: true }).click();

    // One QR code, the recommended link's, saying what to do in the sandbox instead of scanning.
    const start = page.getByRole("region", { name: l.startTitle });
    const direct = page.getByRole("region", { name: l.directTitle });
    await expect(start.getByRole("img", { name: l.qrAlt(l.startTitle) })).toBeVisible();
    await expect(start.getByText(l.qrHintSandbox)).toBeVisible();
    await expect(page.getByText(l.qrHint, { exact: true })).toHaveCount(0);
    await expect(direct.getByRole("img")).toHaveCount(0);
    await expect(direct.getByText(l.directNoQr)).toBeVisible();
    await direct.scrollIntoViewIfNeeded();
    await shot(page, "links-qr", lang);

    // The PNG is big enough to print.
    const downloading = page.waitForEvent("download");
    await start.getByRole("button", { name: l.downloadPng }).click();
    const png = readFileSync((await (await downloading).path()) ?? "");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1024);

    // The recommended link, pasted into the checker: the server confirms it, nothing is said to be broken.
    const startUrl = (await start.getByRole("status", { name: l.startTitle }).textContent()) ?? "";
    expect(startUrl).toContain("/oauth/start?link=");
    await pasteLink(page, lang, startUrl);
    const checker = page.getByRole("region", { name: l.pasteTitle });
    await expect(checker.getByText(l.pasteOkStart)).toBeVisible();
    await expect(checker.getByRole("alert")).toHaveCount(0);
    await expect(checker.getByText("/", { exact: true })).toBeVisible();
    await shot(page, "links-start-ok", lang);

    // The direct link: worth-knowing notes at most, never a problem that stops it.
    const directUrl = (await direct.getByRole("status", { name: l.directTitle }).textContent()) ?? "";
    await pasteLink(page, lang, directUrl);
    await expect(checker.getByText(l.checksWarnings(1)).or(checker.getByText(l.pasteOk))).toBeVisible();
    await expect(checker.getByRole("alert")).toHaveCount(0);

    // Cut short while copying: the one real problem, said once.
    await pasteLink(page, lang, startUrl.slice(0, -6));
    const broken = checker.getByRole("alert");
    await expect(broken).toContainText(l.checksErrors(1));
    await expect(broken.getByRole("listitem")).toHaveCount(1);

    // Another page altogether: that one problem, and a long address in it wraps inside the red box.
    const longPath = `https://example.com/${"x".repeat(400)}`;
    await pasteLink(page, lang, longPath);
    await expect(checker.getByRole("alert")).toContainText(l.checksErrors(1));
    await expectContained(checker.getByRole("alert"));
    await expectContained(checker);
    await expectNoSidewaysScroll(page);
    await shot(page, "links-long-error", lang);
  });

  test(`${lang}: counts follow the list and live sign-ins; a toast names who signed in in the phone window; 动态 opens the user; a reload stays`, async ({
    page,
    desk,
  }) => {
    const u = usersMessages[lang];
    const d = userDetailMessages[lang];
    const act = activityMessages[lang];
    const app = appMessages[lang];
    const [first, second, third] = await normalUsers(desk, 3);
    if (!first || !second || !third) throw new Error("unreachable");
    const startUrl = await buildStartLink(desk, "snsapi_userinfo");
    await authorizeInBackground(desk, startUrl, first.openid);

    await openDesk(page, desk, lang);
    await markDocument(page);
    await goTo(page, lang, "users");
    const main = page.getByRole("main", { name: app.navUsers });
    const table = main.getByRole("table", { name: u.tableLabel });
    await expect(table.getByRole("row").filter({ hasText: first.openid })).toHaveCount(1);
    await expect(main.getByText(u.countAll("1"), { exact: true })).toBeVisible();

    // Someone signs in while the screen is open: the list, the count and a toast follow, no reload.
    await authorizeInBackground(desk, startUrl, second.openid);
    await expect(table.getByRole("row").filter({ hasText: second.openid })).toHaveCount(1);
    await expect(main.getByText(u.countAll("2"), { exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: app.signedIn(second.nickname) })).toBeVisible();
    await expectSameDocument(page);

    // The open user, searched away: the panel says so.
    await table
      .getByRole("row")
      .filter({ hasText: first.openid })
      .getByRole("button", { name: first.nickname })
      .click();
    const panel = page.getByRole("complementary", { name: d.panelLabel });
    await expect(panel.getByText(first.openid).first()).toBeVisible();
    await main.getByRole("searchbox", { name: u.searchLabel }).fill(second.nickname);
    await expect(table.getByRole("button", { name: first.nickname, exact: true })).toHaveCount(0);
    await expect(panel.getByText(d.notListed, { exact: true })).toBeVisible();
    await expect(main.getByText(u.foundAll("1", "2"), { exact: true })).toBeVisible();
    await shot(page, "users-not-listed", lang);

    // A test user signs in in the phone window while the admin is on the links screen: a toast says who.
    await goTo(page, lang, "links");
    const a = authLinkMessages[lang];
    await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(a.scopeUserinfoShort)}`) }).check();
    // A long page address makes long links (the walkthrough's direct link ran past its box).
    await page
      .getByRole("textbox", { name: a.nextLabel })
      .fill("/?from=menu&campaign=spring-2026-member-centre-welcome");
    await page.getByRole("button", { name: a.build, exact: true }).click();
    // Every link is shown whole, wrapped: no box that hides its end behind a scroll.
    for (const title of [linksMessages[lang].startTitle, linksMessages[lang].directTitle]) {
      const url = page.getByRole("status", { name: title });
      await expect(url).toBeVisible();
      expect(await url.evaluate((el) => el.scrollHeight - el.clientHeight), title).toBeLessThanOrEqual(1);
    }
    const phone = await openSandboxPhone(page, lang, third.nickname);
    const allow = phone.getByRole("button", { name: "允许" });
    await expect(allow).toBeVisible();
    await allow.click();
    const toast = page.getByRole("status").filter({ hasText: app.signedIn(third.nickname) });
    await expect(toast).toBeVisible();
    await shot(page, "links-sign-in-toast", lang);
    await phone.close();

    // The toast's 查看 opens them in 用户.
    await toast.getByRole("button", { name: app.signedInOpen }).click();
    await expect(page.getByRole("main", { name: app.navUsers })).toBeVisible();
    await expect(
      page.getByRole("complementary", { name: d.panelLabel }).getByText(third.openid).first(),
    ).toBeVisible();

    // 动态: a row about a user opens that user in 用户.
    await goTo(page, lang, "activity");
    const activity = page.getByRole("main", { name: app.navActivity });
    await activity
      .getByRole("button", { name: act.openUserLabel(first.nickname) })
      .first()
      .click();
    await expect(page.getByRole("main", { name: app.navUsers })).toBeVisible();
    const opened = page.getByRole("complementary", { name: d.panelLabel });
    await expect(opened.getByText(first.openid).first()).toBeVisible();
    await expect(opened.getByText(d.notListed, { exact: true })).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await shot(page, "users-from-activity", lang);
    await expectSameDocument(page);

    // A reload keeps the screen (navigation only: the detail is not remembered).
    await goTo(page, lang, "activity");
    await shot(page, "activity", lang);
    await page.reload();
    await expect(page.getByRole("main", { name: app.navActivity })).toBeVisible();
    await goTo(page, lang, "users");
    await page.reload();
    await expect(page.getByRole("main", { name: app.navUsers })).toBeVisible();
    await expect(
      page.getByRole("main", { name: app.navUsers }).getByText(u.countAll("3"), { exact: true }),
    ).toBeVisible();
  });
}
