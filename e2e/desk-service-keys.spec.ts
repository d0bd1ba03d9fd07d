import { serviceKeysMessages } from "../renderer/src/features/settings/service-keys-messages.js";
import { recordBridgeTraffic } from "./support/bridge-traffic.js";
import { escapeRegExp, expectNoSidewaysScroll, goTo, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * 设置 → 服务密钥 against the local server: create a key (shown once), use it as another system
 * would — a plain HTTP call for the WeChat token — then revoke it and see the same call refused.
 */
skipWithoutBrowser();

for (const lang of LANGS) {
  test(`${lang}: a service key made in 设置 reads the WeChat token from the server, until it is revoked`, async ({
    page,
    desk,
  }) => {
    const t = serviceKeysMessages[lang];
    const name = lang === "en" ? "Order system" : "订单系统";
    await openDesk(page, desk, lang);
    await goTo(page, lang, "settings");
    const section = page.getByRole("region", { name: t.heading });
    await expect(section.getByText(t.empty, { exact: true })).toBeVisible();

    // Create: a name, then the key this once.
    await section.getByRole("button", { name: t.create }).click();
    const form = page.getByRole("dialog", { name: t.createTitle });
    await form.getByRole("textbox", { name: t.name }).fill(name);
    const traffic = await recordBridgeTraffic(page, desk.bridge.origin);
    await form.getByRole("button", { name: t.createConfirm, exact: true }).click();
    const shown = page.getByRole("dialog", { name: t.createdTitle(name) });
    await expect(shown.getByText(t.createdWarning)).toBeVisible();
    const key = await shown.getByRole("textbox", { name: t.keyLabel }).inputValue();
    expect(key).toMatch(/^wxsk_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: `e2e/screenshots/desk-service-key-created-${lang}.png` });

    // Another system uses it: the token comes from the local server's cache.
    const read = () =>
      fetch(`${desk.serverUrl}/admin/api/wechat/access-token`, {
        headers: { authorization: `Bearer ${key}` },
      });
    const answer = await read();
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { access_token: string }).access_token.length).toBeGreaterThan(20);

    // Closed: the key is gone from the page, and the list never carried it.
    await shown.getByRole("button", { name: t.createdDone }).click();
    await expect(shown).toBeHidden();
    expect(await page.content()).not.toContain(key);
    const row = section.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(t.fromDesk);
    // Exactly one bridge answer carried the key — the one that created it; no event ever did.
    const { bodies, events } = await traffic.received();
    expect(bodies.filter((body) => body.includes(key))).toHaveLength(1);
    expect(events.filter((event) => event.includes(key))).toEqual([]);
    await page.reload();
    await goTo(page, lang, "settings");
    await expect(row).toBeVisible();
    expect(await page.content()).not.toContain(key);

    await section.scrollIntoViewIfNeeded();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `e2e/screenshots/desk-settings-service-keys-${lang}.png` });

    // Revoke, after saying what happens; the same call is refused from then on.
    await row.getByRole("button", { name: t.revokeNamed(name) }).click();
    const confirm = page.getByRole("dialog", { name: t.revokeTitle(name) });
    await expect(confirm.getByText(t.revokeBody)).toBeVisible();
    await confirm.getByRole("button", { name: t.revokeConfirm }).click();
    await expect(page.getByText(new RegExp(escapeRegExp(t.revoked(name))))).toBeVisible();
    await expect(row).toBeHidden();
    expect((await read()).status).toBe(401);
  });
}
