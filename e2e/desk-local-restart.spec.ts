import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { createWeChatClient } from "@wxdesk/wechat";
import { sandboxMenu } from "../electron/src/desk/testing/local-desk.js";
import { appMessages } from "../renderer/src/app/app-messages.js";
import { sandboxMessages } from "../renderer/src/app/sandbox-messages.js";
import { activityMessages } from "../renderer/src/features/activity/activity-messages.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { menuMessages } from "../renderer/src/features/menu/menu-messages.js";
import { publishMessages } from "../renderer/src/features/menu/menu-publish-messages.js";
import { menuTypeMessages } from "../renderer/src/features/menu/menu-type-messages.js";
import { settingsMessages } from "../renderer/src/features/settings/settings-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { uiMessages } from "../renderer/src/ui/ui-messages.js";
import { type DeskBridge, sandboxUsers, startDeskBridge } from "./support/desk-bridge.js";
import { escapeRegExp, goTo, LANGS, type Lang, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * The built-in local sandbox keeps its addresses and what it knows. An admin publishes a menu whose
 * button carries an authorize link, stops the sandbox (the app asks first, in plain words), starts it
 * again — and everything is still there: 载入 brings the published menu back, 历史版本 marks that
 * version 「当前」, the published link still opens the consent page, and 动态 shows no red alarm. The
 * whole app then restarts on the same data folder (npm run web again): the same. When another program
 * holds its port, the app says where it moved and which published buttons to publish again.
 */
skipWithoutBrowser();

const BUTTON = { "zh-CN": "我的主页", en: "My page" } as const;

/** Opens the app again on a folder that already chose its language (settings.json remembers it). */
async function reopenDesk(page: Page, desk: DeskBridge, lang: Lang): Promise<void> {
  await page.goto(desk.bridge.url);
  await expect(page.getByRole("navigation", { name: appMessages[lang].mainNavLabel })).toBeVisible();
}

/** A desk app on a data folder this test owns, so it can be closed and started again on it. */
async function deskOn(dataDir: string, opened: DeskBridge[]): Promise<DeskBridge> {
  const desk = await startDeskBridge({ dataDir });
  opened.push(desk);
  return desk;
}

function topbar(page: Page) {
  return page
    .getByRole("banner")
    .filter({ has: page.getByRole("button", { name: /沙箱|sandbox/i }) })
    .first();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/local-sandbox-${name}.png` });
}

/** In the menu editor: a web page button whose address is an authorize link made in the link dialog, published. */
async function publishMenuWithLink(page: Page, lang: Lang): Promise<void> {
  const m = menuMessages[lang];
  const p = publishMessages[lang];
  const a = authLinkMessages[lang];
  await page.getByRole("button", { name: m.addTop }).click();
  await page.getByRole("textbox", { name: m.nameLabel }).fill(BUTTON[lang]);
  await page.getByRole("radio", { name: menuTypeMessages[lang].view }).check();
  await page.getByRole("button", { name: m.insertAuthLink }).click();
  const linkDialog = page.getByRole("dialog", { name: a.dialogTitle });
  await linkDialog.getByRole("radio", { name: new RegExp(`^${escapeRegExp(a.scopeUserinfo)}`) }).check();
  await linkDialog.getByRole("textbox", { name: a.nextLabel }).fill("/");
  await linkDialog.getByRole("button", { name: a.build, exact: true }).click();
  await linkDialog.getByRole("button", { name: a.use }).click();
  await expect(linkDialog).toBeHidden();
  await expect(page.getByRole("textbox", { name: m.urlLabel })).toHaveValue(/\/oauth\/start\?/);

  await page.getByRole("toolbar", { name: m.title }).getByRole("button", { name: m.publish }).click();
  const dialog = page.getByRole("dialog", { name: p.dialogTitle });
  await dialog.getByRole("button", { name: p.confirmPublish }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(p.published, { exact: true })).toHaveCount(1);
}

/** Everything a restart must not lose, checked the way the admin would look. */
async function expectMenuKept(page: Page, desk: DeskBridge, lang: Lang, screenshots: boolean): Promise<void> {
  const m = menuMessages[lang];
  const p = publishMessages[lang];
  await goTo(page, lang, "menu");
  // 载入: the account's menu comes back into the editor (not 「还没有菜单」).
  await page.getByRole("button", { name: m.loadLive }).click();
  await expect(page.getByText(m.liveLoaded)).toBeVisible();
  await expect(
    page.getByRole("region", { name: m.treeTitle }).getByRole("button", { name: BUTTON[lang], exact: true }),
  ).toBeVisible();

  // 历史版本: the published version is 「当前」, asked of the account.
  await page.getByRole("button", { name: p.historyButton }).click();
  const history = page.getByRole("dialog", { name: p.historyTitle });
  const first = history.getByRole("listitem").filter({ hasText: BUTTON[lang] }).first();
  await expect(first.getByText(p.versionCurrent, { exact: true })).toBeVisible();
  await expect(history.getByText(p.historyNoneLive)).toHaveCount(0);
  if (screenshots) await shot(page, `history-${lang}`);
  await history.getByRole("button", { name: uiMessages[lang].close }).click();

  // The published link still opens the consent page, as a test user on a phone would.
  const live = await sandboxMenu(desk.sandboxUrl);
  const link = (live.menu?.button[0] as { url?: string } | undefined)?.url ?? "";
  expect(link.startsWith(`${desk.serverUrl}/oauth/start?`)).toBe(true);
  const user = (await sandboxUsers(desk)).find((u) => !u.snapshot && u.nickname);
  if (!user) throw new Error("no fixture user");
  const { url } = (await desk.host.call("sandbox.consentUrl", [{ link, openid: user.openid }])) as {
    url: string;
  };
  const phone = await page.context().newPage();
  await phone.goto(url);
  await expect(phone.getByRole("button", { name: "允许" })).toBeVisible();
  await phone.close();

  // 动态: no red alarm.
  const act = activityMessages[lang];
  await goTo(page, lang, "activity");
  await expect(page.getByText(eventMessages[lang].menuPublished("1"))).toBeVisible();
  await page.getByRole("button", { name: act.type_failure, exact: true }).click();
  await expect(page.getByRole("heading", { name: act.noMatchTitle })).toBeVisible();
  await expect(page.getByText(eventMessages[lang].superseded)).toHaveCount(0);
}

for (const lang of LANGS) {
  test(`${lang}: stop (asked first) and start, then restart the whole app: the menu, its history and its link are kept, no alarm`, async ({
    page,
  }) => {
    const app = appMessages[lang];
    const s = sandboxMessages[lang];
    const dataDir = mkdtempSync(join(tmpdir(), "wxdesk-e2e-restart-"));
    const opened: DeskBridge[] = [];
    try {
      const desk = await deskOn(dataDir, opened);
      await openDesk(page, desk, lang);
      await publishMenuWithLink(page, lang);

      // Stop: a dialog in plain words; 取消 keeps it running.
      const bar = topbar(page);
      await bar.getByRole("button", { name: app.sandboxStop }).click();
      const ask = page.getByRole("dialog", { name: s.stopTitle });
      await expect(ask.getByText(s.stopWhat)).toBeVisible();
      await expect(ask.getByText(s.stopKept)).toBeVisible();
      await shot(page, `stop-dialog-${lang}`);
      await ask.getByRole("button", { name: uiMessages[lang].cancel }).click();
      await expect(bar.getByText(app.sandboxRunning)).toBeVisible();
      await bar.getByRole("button", { name: app.sandboxStop }).click();
      await ask.getByRole("button", { name: s.stopConfirm }).click();
      await expect(bar.getByText(app.sandboxStopped)).toBeVisible();
      await bar.getByRole("button", { name: app.sandboxStart }).click();
      await expect(bar.getByText(app.sandboxRunning)).toBeVisible();
      expect(await desk.host.call("sandbox.status", [])).toMatchObject({
        running: true,
        sandboxUrl: desk.sandboxUrl,
        serverUrl: desk.serverUrl,
      });
      await expectMenuKept(page, desk, lang, true);

      // The whole app again on the same folder (npm run web once more): same addresses, same menu.
      await desk.close();
      const again = await deskOn(dataDir, opened);
      expect({ sandbox: again.sandboxUrl, server: again.serverUrl }).toEqual({
        sandbox: desk.sandboxUrl,
        server: desk.serverUrl,
      });
      await reopenDesk(page, again, lang);
      await expectMenuKept(page, again, lang, false);
    } finally {
      for (const desk of opened) await desk.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test(`${lang}: a port another program holds: the app says where the sandbox moved and which buttons to publish again`, async ({
    page,
  }) => {
    const s = sandboxMessages[lang];
    const st = settingsMessages[lang];
    const dataDir = mkdtempSync(join(tmpdir(), "wxdesk-e2e-moved-"));
    const opened: DeskBridge[] = [];
    let holder: Server | undefined;
    try {
      const first = await deskOn(dataDir, opened);
      await openDesk(page, first, lang);
      await publishMenuWithLink(page, lang);
      await first.close();
      holder = createServer();
      await new Promise<void>((resolve) =>
        holder?.listen(Number(new URL(first.serverUrl).port), "127.0.0.1", resolve),
      );

      const moved = await deskOn(dataDir, opened);
      expect(moved.serverUrl).not.toBe(first.serverUrl);
      await reopenDesk(page, moved, lang);
      const warning = topbar(page).getByRole("button", { name: s.topbarStale(1) });
      await expect(warning).toBeVisible();
      await shot(page, `moved-topbar-${lang}`);
      await warning.click();
      const section = page.getByRole("region", { name: st.sandboxHeading });
      const notice = section.getByRole("status").filter({ hasText: s.movedTitle });
      await expect(notice).toContainText(s.movedServer(first.serverUrl, moved.serverUrl));
      await expect(notice).toContainText(s.staleTitle(1));
      await expect(notice.getByRole("listitem")).toContainText(s.staleButton(BUTTON[lang]));
      await section.scrollIntoViewIfNeeded();
      await shot(page, `moved-settings-${lang}`);
      await notice.getByRole("button", { name: s.goToMenu }).click();
      await expect(page.getByRole("main", { name: appMessages[lang].navMenu })).toBeVisible();
    } finally {
      await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
      for (const desk of opened) await desk.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test(`${lang}: a sandbox that lost its memory: 历史版本 marks nothing 「当前」 and says why; 动态 stays quiet`, async ({
    page,
    desk,
  }) => {
    const app = appMessages[lang];
    const s = sandboxMessages[lang];
    const p = publishMessages[lang];
    const act = activityMessages[lang];
    await desk.host.call("menu.publish", [{ button: [{ type: "click", name: BUTTON[lang], key: "HOME" }] }]);
    await openDesk(page, desk, lang);
    const bar = topbar(page);
    await bar.getByRole("button", { name: app.sandboxStop }).click();
    await page
      .getByRole("dialog", { name: s.stopTitle })
      .getByRole("button", { name: s.stopConfirm })
      .click();
    await expect(bar.getByText(app.sandboxStopped)).toBeVisible();
    // Its memory is gone (deleted by hand, a disk restored from an old backup…): WeChat has no menu now.
    rmSync(join(desk.dataDir, "local", "sandbox-state.json"));
    await bar.getByRole("button", { name: app.sandboxStart }).click();
    await expect(bar.getByText(app.sandboxRunning)).toBeVisible();

    await page.getByRole("button", { name: p.historyButton }).click();
    const history = page.getByRole("dialog", { name: p.historyTitle });
    await expect(history.getByText(p.historyNoneLive)).toBeVisible();
    await expect(history.getByText(p.versionCurrent, { exact: true })).toHaveCount(0);
    await expect(history.getByRole("button", { name: p.rollbackAction })).toBeVisible();
    await shot(page, `history-none-live-${lang}`);
    await history.getByRole("button", { name: uiMessages[lang].close }).click();

    await goTo(page, lang, "activity");
    await page.getByRole("button", { name: act.type_failure, exact: true }).click();
    await expect(page.getByRole("heading", { name: act.noMatchTitle })).toBeVisible();
  });

  test(`${lang}: a real competitor's alarm: words first, WeChat's own text behind 「详情」`, async ({
    page,
    desk,
  }) => {
    const act = activityMessages[lang];
    const ev = eventMessages[lang];
    await desk.host.call("menu.publish", [{ button: [{ type: "click", name: "签到", key: "SIGN_IN" }] }]);
    // Another system with the same AppSecret forces a new token: ours is voided before its time.
    await createWeChatClient({ apiBase: desk.sandboxUrl }).getStableAccessToken({
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
      forceRefresh: true,
    });
    await desk.host.call("menu.live", []);
    await openDesk(page, desk, lang);
    await goTo(page, lang, "activity");
    const row = page.getByRole("listitem").filter({ hasText: ev.superseded });
    await row.getByRole("button", { name: act.showWhy }).click();
    await expect(row.getByText(ev.supersededNote)).toBeVisible();
    // WeChat's English and the API names are not in sight until 详情 is opened.
    await expect(row.getByText(/invalid credential/)).toBeHidden();
    await expect(row.getByText(ev.supersededTechnical)).toBeHidden();
    await shot(page, `alarm-words-${lang}`);
    await row.getByText(uiMessages[lang].details, { exact: true }).click();
    await expect(row.getByText(/invalid credential/)).toBeVisible();
    await expect(row.getByText(ev.supersededTechnical)).toBeVisible();
    await shot(page, `alarm-details-${lang}`);
  });
}
