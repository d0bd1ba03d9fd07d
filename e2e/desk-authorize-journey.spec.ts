import { appMessages } from "../renderer/src/app/app-messages.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { linksMessages } from "../renderer/src/features/links/links-messages.js";
import { tokenMessages } from "../renderer/src/features/users/token-messages.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import {
  escapeRegExp,
  expectSameDocument,
  goTo,
  LANGS,
  markDocument,
  openDesk,
} from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import { openSandboxPhone } from "./support/sandbox-phone.js";

/**
 * The authorize-link journey from the desk: build a link on the links screen, open the consent page as
 * a chosen test user (「在沙箱里试试」 opens a phone-sized popup), tap 允许, and watch the user arrive
 * in Activity and Users without the app page reloading; then check and refresh that user's token from
 * the detail panel and read what happened in words.
 */
skipWithoutBrowser();

for (const lang of LANGS) {
  test(`${lang}: link → consent in the sandbox popup → the user appears live; check and refresh in words`, async ({
    page,
    desk,
  }) => {
    const l = linksMessages[lang];
    const a = authLinkMessages[lang];
    const u = usersMessages[lang];
    const d = userDetailMessages[lang];
    const tk = tokenMessages[lang];
    const ev = eventMessages[lang];
    const user = (await sandboxUsers(desk)).find((x) => !x.snapshot && x.nickname);
    if (!user) throw new Error("the sandbox has no normal fixture user with a nickname");

    await openDesk(page, desk, lang);
    await markDocument(page);
    await goTo(page, lang, "links");

    // Build a link that asks for the nickname (the consent sheet appears), landing on the server's "/".
    await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(a.scopeUserinfoShort)}`) }).check();
    await page.getByRole("textbox", { name: a.nextLabel }).fill("/");
    await page.getByRole("button", { name: a.build, exact: true }).click();
    await expect(page.getByText(l.startTitle).first()).toBeVisible();

    // Try it as the chosen test user: the phone window opens on the sandbox's consent sheet.
    const phone = await openSandboxPhone(page, lang, user.nickname);
    const allow = phone.getByRole("button", { name: "允许" });
    await expect(allow).toBeVisible();

    // Watch Activity in the app while the user taps 允许 on the phone.
    await goTo(page, lang, "activity");
    await allow.click();
    await expect(phone.getByText(user.nickname).first()).toBeVisible();
    await phone.close();
    const authorized = ev.authorizedFirst(user.nickname, ev.scopeUserinfo);
    await expect(page.getByText(authorized, { exact: true })).toBeVisible();

    // Users lists them with a working token.
    await goTo(page, lang, "users");
    const table = page.getByRole("table", { name: u.tableLabel });
    const row = table.getByRole("row").filter({ hasText: user.openid });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(tk.state_valid);
    await expect(row).toContainText(tk.scope_snsapi_userinfo);
    // The sandbox's avatar really shows under the app's CSP (images: https or data: only) — the DeskApi
    // inlines it as data:, since the sandbox serves it over http on a port of the moment.
    const avatar = row.locator("img.user-avatar");
    await expect(avatar).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
    await expect
      .poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await expectSameDocument(page);

    // The detail panel: check (WeChat says it still works), then refresh (a new access token).
    await row.getByRole("button", { name: user.nickname }).click();
    const panel = page.getByRole("complementary", { name: d.panelLabel });
    await expect(panel.getByText(user.openid).first()).toBeVisible();
    await panel.getByRole("button", { name: d.check, exact: true }).click();
    await expect(panel.getByText(d.checkOk, { exact: true })).toBeVisible();
    await panel.getByRole("button", { name: d.refresh, exact: true }).click();
    await expect(panel.getByText(d.refreshOk, { exact: true })).toBeVisible();
    const renewedLine = escapeRegExp(d.changeAccess("\u0000")).replace("\u0000", ".+");
    await expect(panel.getByText(new RegExp(`^${renewedLine}$`))).toBeVisible();

    // Both actions are in Activity too, still in the same document.
    await goTo(page, lang, "activity");
    await expect(page.getByText(ev.checkedOk(user.nickname), { exact: true })).toBeVisible();
    await expect(page.getByText(ev.refreshedManual(user.nickname), { exact: true })).toBeVisible();
    await expectSameDocument(page);
    await expect(page.getByRole("navigation", { name: appMessages[lang].mainNavLabel })).toBeVisible();
  });
}
