import { sandboxMenu } from "../electron/src/desk/testing/local-desk.js";
import { menuMessages } from "../renderer/src/features/menu/menu-messages.js";
import { publishMessages } from "../renderer/src/features/menu/menu-publish-messages.js";
import { menuTypeMessages } from "../renderer/src/features/menu/menu-type-messages.js";
import { escapeRegExp, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * An admin builds a menu with mistakes in the menu editor, reads why inline, fixes them, publishes
 * (reviews the changes and confirms in the same dialog), and WeChat — the sandbox, asked over its own HTTP API — then holds
 * exactly that menu.
 */
skipWithoutBrowser();

/** What the admin types, per language: the first name is too long on purpose (WeChat allows 16 bytes). */
const WORDS = {
  "zh-CN": { tooLong: "这是一个很长的菜单名字", shop: "商城", services: "服务", news: "今日新闻" },
  en: { tooLong: "A very long menu name", shop: "Shop", services: "Services", news: "News" },
} as const;
const SHOP_URL = "https://shop.example.com/";
const NEWS_KEY = "TODAY_NEWS";

for (const lang of LANGS) {
  test(`${lang}: a menu with mistakes is explained inline, fixed, published, and WeChat has exactly it`, async ({
    page,
    desk,
  }) => {
    const m = menuMessages[lang];
    const p = publishMessages[lang];
    const types = menuTypeMessages[lang];
    const w = WORDS[lang];
    await openDesk(page, desk, lang);
    await expect(page.getByRole("heading", { name: m.title, level: 1 })).toBeVisible();
    const publish = page.getByRole("toolbar", { name: m.title }).getByRole("button", { name: m.publish });

    // A top button: a name over 16 bytes, and a web page button without its address.
    await page.getByRole("button", { name: m.addTop }).click();
    const name = page.getByRole("textbox", { name: m.nameLabel });
    await name.fill(w.tooLong);
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toHaveAccessibleDescription(/16/);
    const url = page.getByRole("textbox", { name: m.urlLabel });
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription(new RegExp(escapeRegExp(m.fillIn(m.urlLabel))));
    await expect(publish).toBeDisabled();
    await expect(publish).toHaveAccessibleDescription(m.fixFirst(2));

    // Fixed: both explanations go, and publishing becomes possible.
    await name.fill(w.shop);
    await url.fill(SHOP_URL);
    await expect(name).not.toHaveAttribute("aria-invalid", "true");
    await expect(url).not.toHaveAttribute("aria-invalid", "true");
    await expect(publish).toBeEnabled();

    // A second top button holding a sub-button that replies with a message.
    await page.getByRole("button", { name: m.addTop }).click();
    await name.fill(w.services);
    await page.getByRole("button", { name: m.addSub(w.services) }).click();
    await name.fill(w.news);
    await page.getByRole("radio", { name: types.click }).check();
    const key = page.getByRole("textbox", { name: m.keyLabel });
    await expect(key).toHaveAttribute("aria-invalid", "true");
    await expect(publish).toBeDisabled();
    await key.fill(NEWS_KEY);
    await expect(key).not.toHaveAttribute("aria-invalid", "true");
    await expect(publish).toBeEnabled();

    // Publish in two clicks: the changes in words with 「确认发布」 beside them; success is said once.
    await publish.click();
    const dialog = page.getByRole("dialog", { name: p.dialogTitle });
    await expect(dialog.getByText(p.reviewIntro)).toBeVisible();
    const changes = dialog.getByRole("listitem");
    await expect(changes.filter({ hasText: w.shop })).not.toHaveCount(0);
    await expect(changes.filter({ hasText: w.news })).not.toHaveCount(0);
    await dialog.getByRole("button", { name: p.confirmPublish }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(p.published, { exact: true })).toHaveCount(1);
    await expect(page.getByText(m.liveSame)).toBeVisible();

    // WeChat's own menu/get (sub_button: [] on every leaf, as WeChat answers it).
    const live = await sandboxMenu(desk.sandboxUrl);
    expect(live.menu?.button).toEqual([
      { type: "view", name: w.shop, url: SHOP_URL, sub_button: [] },
      { name: w.services, sub_button: [{ type: "click", name: w.news, key: NEWS_KEY, sub_button: [] }] },
    ]);
  });
}
