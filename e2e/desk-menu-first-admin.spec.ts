import type { Locator, Page } from "@playwright/test";
import { checkDeskRules, type Menu } from "@wxdesk/wechat";
import { sandboxMenu } from "../electron/src/desk/testing/local-desk.js";
import type { PhoneTapResult, SandboxStatus } from "../electron/src/desk-api.js";
import { appMessages } from "../renderer/src/app/app-messages.js";
import { sandboxMessages } from "../renderer/src/app/sandbox-messages.js";
import { activityMessages } from "../renderer/src/features/activity/activity-messages.js";
import { menuMessages } from "../renderer/src/features/menu/menu-messages.js";
import { publishMessages } from "../renderer/src/features/menu/menu-publish-messages.js";
import { menuTypeMessages } from "../renderer/src/features/menu/menu-type-messages.js";
import { repliesMessages } from "../renderer/src/features/replies/replies-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { replyMessages } from "../renderer/src/shared/reply/reply-messages.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import {
  escapeRegExp,
  expectNoSidewaysScroll,
  goTo,
  LANGS,
  type Lang,
  openDesk,
} from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * Issue 10, what a first-time admin met, as that admin does it: 「扫码」 with two 「回复消息」 buttons that
 * ended up with the same key, a 「我的主页」 button carrying an authorize link. The editor names the
 * shared key on both buttons and holds publishing; the reply is set on the button itself and 自动回复
 * shows the same one; publishing is 发布 → 确认发布 with the long link wrapped and one success message; a
 * stopped local sandbox is started from the publish dialog; the limits are said in words.
 */
skipWithoutBrowser();

const WORDS = {
  "zh-CN": {
    scan: "扫码",
    wx: "微信",
    wb: "微博",
    home: "我的主页",
    homeNew: "个人主页",
    more: "更多",
    extra: "帮助",
  },
  en: {
    scan: "Scan",
    wx: "WeChat",
    wb: "Weibo",
    home: "My page",
    homeNew: "Profile",
    more: "More",
    extra: "Help",
  },
} as const;
const REPLY = { "zh-CN": "扫这个码，关注我们的微博", en: "Scan this code to follow us on Weibo" } as const;
// A long target page, as a real campaign link has: the start link that carries it has no place to break.
const NEXT = `/member/center/profile?from=menu&campaign=${"spring-2025-".repeat(6)}end`;

async function shot(page: Page, name: string, lang: Lang): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/first-admin-${name}-${lang}.png` });
}

/** A tree row's select button (the phone preview has buttons with the same names). */
const row = (page: Page, lang: Lang, name: string) =>
  page.getByRole("region", { name: menuMessages[lang].treeTitle }).getByRole("button", { name, exact: true });

/** The sub-button it is at, with a name and a 「回复消息」 action with that key. */
async function replyButton(page: Page, lang: Lang, name: string, key: string): Promise<Locator> {
  const m = menuMessages[lang];
  await page.getByRole("textbox", { name: m.nameLabel }).fill(name);
  await page.getByRole("radio", { name: menuTypeMessages[lang].click }).check();
  const keyField = page.getByRole("textbox", { name: m.keyLabel });
  await keyField.fill(key);
  return keyField;
}

for (const lang of LANGS) {
  test(`${lang}: a first-time admin's menu tells the truth on every screen`, async ({ page, desk }) => {
    const m = menuMessages[lang];
    const p = publishMessages[lang];
    const r = replyMessages[lang];
    const a = authLinkMessages[lang];
    const w = WORDS[lang];
    await openDesk(page, desk, lang);
    const publish = page.getByRole("toolbar", { name: m.title }).getByRole("button", { name: m.publish });

    // ---- 1. two buttons with one key: named on both, in plain words; publishing held until fixed ----
    await page.getByRole("button", { name: m.addTop }).click();
    await page.getByRole("textbox", { name: m.nameLabel }).fill(w.scan);
    await page.getByRole("button", { name: m.addSub(w.scan) }).click();
    await replyButton(page, lang, w.wx, "wx_qr_code");
    await page.getByRole("button", { name: m.addSub(w.scan) }).click();
    const key = await replyButton(page, lang, w.wb, "wx_qr_code");

    const twins: Menu = {
      button: [
        {
          name: w.scan,
          sub_button: [
            { type: "click", name: w.wx, key: "wx_qr_code" },
            { type: "click", name: w.wb, key: "wx_qr_code" },
          ],
        },
      ],
    };
    const [onWx, onWb] = checkDeskRules(twins).map((problem) =>
      lang === "en" ? problem.messageEn : problem.messageZh,
    );
    expect(onWb).toContain(lang === "en" ? "Two buttons use the same button ID" : "两个按钮用了同一个标识");
    await expect(key).toHaveAttribute("aria-invalid", "true");
    await expect(key).toHaveAccessibleDescription(new RegExp(escapeRegExp(onWb ?? "")));
    await expect(page.getByText(m.problemsNone)).toHaveCount(0);
    await expect(publish).toBeDisabled();
    await expect(publish).toHaveAccessibleDescription(m.fixFirst(2));
    await row(page, lang, w.wx).click();
    await expect(key).toHaveAttribute("aria-invalid", "true");
    await expect(key).toHaveAccessibleDescription(new RegExp(escapeRegExp(onWx ?? "")));
    await shot(page, "duplicate-key", lang);

    await row(page, lang, w.wb).click();
    await key.fill("wb_qr_code");
    await expect(key).not.toHaveAttribute("aria-invalid", "true");
    await row(page, lang, w.wx).click();
    await expect(key).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(m.problemsNone)).toBeVisible();

    // ---- 3. the reply, set on the button; the phone shows it; saved by itself ----
    await row(page, lang, w.wb).click();
    const reply = page.getByRole("region", { name: m.replyTitle });
    await reply.getByRole("radio", { name: new RegExp(`^${escapeRegExp(r.typeText)}`) }).check();
    await reply.getByRole("textbox", { name: r.textLabel }).fill(REPLY[lang]);
    const phone = page.getByRole("region", { name: m.phoneTitle });
    await expect(phone.getByText(r.previewTapped(w.wb))).toBeVisible();
    await expect(phone.getByText(REPLY[lang])).toBeVisible();
    await expect(reply.getByRole("status")).toHaveText(m.replySaved);
    await expectNoSidewaysScroll(page);
    await shot(page, "button-reply", lang);

    // 「我的主页」: a web page button carrying an authorize link (long).
    await page.getByRole("button", { name: m.addTop }).click();
    await page.getByRole("textbox", { name: m.nameLabel }).fill(w.home);
    await page.getByRole("button", { name: m.insertAuthLink }).click();
    const linkDialog = page.getByRole("dialog", { name: a.dialogTitle });
    await linkDialog.getByRole("textbox", { name: a.nextLabel }).fill(NEXT);
    await linkDialog.getByRole("button", { name: a.build }).click();
    await linkDialog.getByRole("button", { name: a.use }).click();
    await expect(linkDialog).toBeHidden();
    const homeUrl = await page.getByRole("textbox", { name: m.urlLabel }).inputValue();
    expect(homeUrl.length).toBeGreaterThan(150);

    // ---- 5. 「放到」 with nowhere to go: shown, disabled, with the reason ----
    await row(page, lang, w.scan).click();
    const moveTo = page.getByRole("combobox", { name: m.moveTo });
    await expect(moveTo).toBeDisabled();
    await expect(moveTo).toHaveAccessibleDescription(m.moveNowhereHasChildren);
    await moveTo.scrollIntoViewIfNeeded();
    await shot(page, "move-to-disabled", lang);

    // ---- 4. publish in two clicks; the changes in this editor's words; the long link wraps ----
    await expect(publish).toBeEnabled();
    await publish.click();
    const dialog = page.getByRole("dialog", { name: p.dialogTitle });
    const changes = dialog.getByRole("listitem");
    const types = menuTypeMessages[lang];
    const added = changes.filter({ hasText: new RegExp(escapeRegExp(types.click), "i") });
    await expect(added).toHaveCount(2);
    await expect(added.first()).toContainText(
      new RegExp(`${escapeRegExp(m.keyLabel)}[:：] ?wx_qr_code`, "i"),
    );
    const homeChange = changes.filter({ hasText: w.home });
    await expect(homeChange).toContainText(homeUrl.slice(0, 30));
    const box = await dialog.boundingBox();
    const item = await homeChange.boundingBox();
    if (!box || !item) throw new Error("the dialog or its change is not laid out");
    expect(item.x + item.width).toBeLessThanOrEqual(box.x + box.width);
    expect(
      await dialog.evaluate((el) => {
        const body = el.querySelector(".dialog__body");
        return body ? body.scrollWidth <= body.clientWidth : false;
      }),
    ).toBe(true);
    await expect(dialog.getByRole("button", { name: p.confirmPublish })).toBeVisible();
    await shot(page, "publish-dialog", lang);
    await dialog.getByRole("button", { name: p.confirmPublish }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(p.published, { exact: true })).toHaveCount(1);
    await expect(page.getByText(p.phoneRefreshNoteLocal)).toBeVisible();
    await shot(page, "published", lang);

    const live = await sandboxMenu(desk.sandboxUrl);
    expect(live.menu?.button).toEqual([
      {
        name: w.scan,
        sub_button: [
          { type: "click", name: w.wx, key: "wx_qr_code", sub_button: [] },
          { type: "click", name: w.wb, key: "wb_qr_code", sub_button: [] },
        ],
      },
      { type: "view", name: w.home, url: homeUrl, sub_button: [] },
    ]);
    // A follower's tap on the sandbox phone gets the reply set on the button.
    const [user] = await sandboxUsers(desk);
    if (!user) throw new Error("the sandbox has no fixture user");
    const tap = (await desk.host.call("sandbox.tapMenu", [
      { openid: user.openid, key: "wb_qr_code" },
    ])) as PhoneTapResult;
    expect(tap.reply).toEqual({ type: "text", content: REPLY[lang] });

    // ---- 3. 自动回复 shows the same reply (one source of truth: the server) ----
    await goTo(page, lang, "replies");
    await page
      .getByRole("button", { name: new RegExp(`${escapeRegExp(w.scan)} › ${escapeRegExp(w.wb)}`) })
      .click();
    await expect(page.getByRole("textbox", { name: r.textLabel })).toHaveValue(REPLY[lang]);
    await expect(page.getByText(repliesMessages[lang].editorKey("wb_qr_code"))).toBeVisible();
    // The list says where each button is used (草稿、线上菜单) in full: nothing ends in a cut "…".
    const list = page.getByRole("region", { name: repliesMessages[lang].listLabel });
    await expect(list.getByRole("button", { name: /wb_qr_code/ })).toBeVisible();
    const clipped = await list.evaluate((section) =>
      [...section.querySelectorAll("button span")]
        .filter((span) => span.scrollWidth > span.clientWidth + 1)
        .map((span) => span.textContent),
    );
    expect(clipped).toEqual([]);
    await shot(page, "replies", lang);

    // ---- 2. 动态 names token renewal with the subtitle's word (it used to say 「刷新」 beside 「续期」) ----
    const act = activityMessages[lang];
    await goTo(page, lang, "activity");
    const renewals = page
      .getByRole("group", { name: act.typeLabel })
      .getByRole("button", { name: act.type_refresh });
    await expect(renewals).toBeVisible();
    const renew = lang === "en" ? "renewal" : "续期";
    expect(act.type_refresh.toLowerCase()).toContain(renew);
    await expect(page.getByText(act.subtitle)).toContainText(renew);
    await renewals.click();
    await expect(renewals).toHaveAttribute("aria-pressed", "true");
    await shot(page, "activity", lang);
    await goTo(page, lang, "menu");

    // ---- 5. publishing with the local sandbox stopped: 「启动沙箱」 in the dialog, then carry on ----
    const app = appMessages[lang];
    await page.getByRole("banner").getByRole("button", { name: app.sandboxStop }).click();
    // Stopping asks first (the local sandbox's own confirmation).
    await page
      .getByRole("dialog", { name: sandboxMessages[lang].stopTitle })
      .getByRole("button", { name: sandboxMessages[lang].stopConfirm })
      .click();
    await expect(page.getByRole("banner").getByRole("button", { name: app.sandboxStart })).toBeVisible();
    await row(page, lang, w.home).click();
    await page.getByRole("textbox", { name: m.nameLabel }).fill(w.homeNew);
    await publish.click();
    await expect(dialog.getByText(p.sandboxStoppedTitle)).toBeVisible();
    await expect(dialog.getByRole("button", { name: p.backToEdit })).toBeVisible();
    await shot(page, "sandbox-stopped", lang);
    await dialog.getByRole("button", { name: app.sandboxStart }).click();
    await expect(changes.filter({ hasText: w.homeNew })).not.toHaveCount(0);
    await dialog.getByRole("button", { name: p.confirmPublish }).click();
    await expect(dialog).toBeHidden();
    const status = (await desk.host.call("sandbox.status", [])) as SandboxStatus;
    const after = (await sandboxMenu(status.sandboxUrl ?? "")).menu?.button[1] as
      | { name?: string }
      | undefined;
    expect(after?.name).toBe(w.homeNew);

    // ---- 5. the limits, in words where the + is ----
    await page.getByRole("button", { name: m.addTop }).click();
    await page.getByRole("textbox", { name: m.nameLabel }).fill(w.more);
    await expect(page.getByRole("button", { name: m.addTop })).toBeDisabled();
    // Said where the 「添加一级菜单」 is (the button's own hidden description is for screen readers).
    await expect(page.getByRole("paragraph").filter({ hasText: m.addTopFull })).toBeVisible();
    for (let i = 0; i < 3; i++) await page.getByRole("button", { name: m.addSub(w.scan) }).click();
    await expect(page.getByRole("button", { name: m.addSub(w.scan) })).toBeDisabled();
    await expect(page.getByRole("button", { name: m.addSub(w.scan) })).toHaveAccessibleDescription(
      m.addSubFull,
    );
    await expect(row(page, lang, w.scan)).toHaveAccessibleDescription(m.subCountFull(5));
    await expect(page.getByText(m.subCountFull(5))).toBeVisible();
    await row(page, lang, w.scan).click();
    await expectNoSidewaysScroll(page);
    await shot(page, "limits", lang);
  });
}
