import { appMessages } from "../renderer/src/app/app-messages.js";
import { menuMessages } from "../renderer/src/features/menu/menu-messages.js";
import { settingsMessages } from "../renderer/src/features/settings/settings-messages.js";
import { expectNoSecrets, recordBridgeTraffic, seenByPage } from "./support/bridge-traffic.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import { goTo, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import { authorizeInBackground, buildStartLink, storedTokens } from "./support/local-users.js";
import { expectPublishRefusedToSupport, expectSupportUserDetail } from "./support/support-role.js";

/**
 * The first-time admin's task (d), "look the user up as support staff", in the app alone: 设置 → the
 * local sandbox's 「以客服身份试用」 → 用户 → the user's token state — no key typed, none on the page or
 * in the bridge's traffic — and back to admin from the top bar.
 */
skipWithoutBrowser();

for (const lang of LANGS) {
  test(`${lang}: tries the local sandbox as support staff without a key, looks a user up, goes back to admin`, async ({
    page,
    desk,
  }) => {
    const s = settingsMessages[lang];
    const a = appMessages[lang];
    const m = menuMessages[lang];
    const [user] = (await sandboxUsers(desk)).filter((x) => !x.snapshot && x.nickname);
    if (!user) throw new Error("the sandbox lacks a normal fixture user with a nickname");
    await authorizeInBackground(desk, await buildStartLink(desk), user.openid);
    const tokens = await storedTokens(desk, user.openid);
    const traffic = await recordBridgeTraffic(page, desk.bridge.origin);
    const roleTag = (word: string) => page.getByRole("banner").getByText(word, { exact: true });

    await openDesk(page, desk, lang);
    await expect(roleTag(a.roleAdmin)).toBeVisible();
    await goTo(page, lang, "settings");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: s.trySupport }) });
    await expect(card.getByText(s.trySupportHint)).toBeVisible();
    await card.getByRole("button", { name: s.trySupport }).click();
    await expect(page.getByText(s.nowSupport, { exact: true })).toBeVisible();
    await expect(roleTag(a.roleSupport)).toBeVisible();
    const localCard = page.getByRole("listitem").filter({ hasText: s.localAsSupport });
    await expect(localCard.getByRole("button", { name: s.backToAdmin })).toBeVisible();

    // 用户: the user who authorized, the token's state in words; changing it is for admins, and it says so.
    await expectSupportUserDetail(page, lang, user);

    // 菜单: publishing is off, with the reason.
    const publish = await expectPublishRefusedToSupport(page, lang);

    // No secret where the page can see it: the DOM and the bridge's answers and events.
    const seen = await seenByPage(page, traffic);
    expect(seen.bodies.some((b) => b.includes(user.openid))).toBe(true); // the recording saw the user data
    expectNoSecrets(seen, [...tokens, desk.localKeys.supportKey, desk.localKeys.adminKey]);

    // Back to admin from the top bar, on any screen: the menu can be published again.
    await page.getByRole("banner").getByRole("button", { name: a.backToAdmin }).click();
    await expect(roleTag(a.roleAdmin)).toBeVisible();
    await expect(publish).not.toHaveAccessibleDescription(m.supportCannotPublish);
    await goTo(page, lang, "settings");
    await expect(page.getByRole("button", { name: s.trySupport })).toBeVisible();
  });
}
