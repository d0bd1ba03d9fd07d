import { appMessages } from "../renderer/src/app/app-messages.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { profileFormMessages } from "../renderer/src/features/settings/profile-form-messages.js";
import { settingsMessages } from "../renderer/src/features/settings/settings-messages.js";
import { expectNoSecrets, recordBridgeTraffic, seenByPage } from "./support/bridge-traffic.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import { escapeRegExp, goTo, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import { authorizeInBackground, buildStartLink, storedTokens } from "./support/local-users.js";
import { expectPublishRefusedToSupport, expectSupportUserDetail } from "./support/support-role.js";

/**
 * A support profile, added in Settings against the local server with its support key: it sees users and
 * their token state, may check a token, but cannot refresh or publish (and is told why) — and no raw
 * token, nor any key, reaches the page: not in the DOM, not in a bridge response, not in an event.
 */
skipWithoutBrowser();

for (const lang of LANGS) {
  test(`${lang}: a support profile sees users and token state, never a token, and cannot publish or refresh`, async ({
    page,
    desk,
  }) => {
    const s = settingsMessages[lang];
    const f = profileFormMessages[lang];
    const [user, other] = (await sandboxUsers(desk)).filter((x) => !x.snapshot && x.nickname);
    if (!user || !other) throw new Error("the sandbox lacks two normal fixture users with nicknames");
    const startUrl = await buildStartLink(desk);
    await authorizeInBackground(desk, startUrl, user.openid);
    const tokens = await storedTokens(desk, user.openid);
    const traffic = await recordBridgeTraffic(page, desk.bridge.origin);

    // Settings → add a connection to the local server with its support key, then make it current.
    await openDesk(page, desk, lang);
    await goTo(page, lang, "settings");
    await page.getByRole("button", { name: s.addProfile }).click();
    const form = page.getByRole("dialog", { name: f.addTitle });
    await form.getByRole("textbox", { name: f.name }).fill("Support desk");
    await form.getByRole("textbox", { name: f.serverUrl }).fill(desk.serverUrl);
    await form.getByRole("radio", { name: new RegExp(`^${escapeRegExp(f.roleSupport)}`) }).check();
    await form.getByLabel(f.key, { exact: true }).fill(desk.localKeys.supportKey);
    await form.getByRole("button", { name: f.add, exact: true }).click();
    await expect(form).toBeHidden();
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Support desk" }) });
    await card.getByRole("button", { name: s.makeActiveNamed("Support desk") }).click();
    await expect(
      page.getByRole("banner").getByText(appMessages[lang].roleSupport, { exact: true }),
    ).toBeVisible();

    // Users: the user and the token's state, in words; checking changes nothing, so support may do it.
    await expectSupportUserDetail(page, lang, user);
    // Activity: the check, and — live, over the event stream — another user authorizing meanwhile.
    await goTo(page, lang, "activity");
    const ev = eventMessages[lang];
    await expect(page.getByText(ev.checkedOk(user.nickname), { exact: true })).toBeVisible();
    await authorizeInBackground(desk, startUrl, other.openid);
    await expect(
      page.getByText(ev.authorizedFirst(other.nickname, ev.scopeUserinfo), { exact: true }),
    ).toBeVisible();
    tokens.push(...(await storedTokens(desk, other.openid)));

    // The menu editor: publishing is not for support, and it says so.
    await expectPublishRefusedToSupport(page, lang);

    // No secret anywhere the page can see: the DOM (text, attributes, field values), the bridge's answers
    // and its live events. The support key was typed into the form once; it must not have stayed.
    const secrets = [...tokens, desk.localKeys.supportKey, desk.localKeys.adminKey];
    const seen = await seenByPage(page, traffic);
    expect(seen.bodies.some((b) => b.includes(user.openid))).toBe(true); // the recording saw the user data
    expect(seen.events.some((e) => e.includes(other.openid))).toBe(true); // …and the live events
    expectNoSecrets(seen, secrets);
  });
}
