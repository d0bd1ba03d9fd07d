import type { Locator, Page } from "@playwright/test";
import type { BuiltLinks } from "../electron/src/desk-api.js";
import { appMessages } from "../renderer/src/app/app-messages.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { linksMessages } from "../renderer/src/features/links/links-messages.js";
import { settingsMessages } from "../renderer/src/features/settings/settings-messages.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import { type AxeFinding, describeFindings, seriousViolations } from "./support/axe-scan.js";
import { type DeskBridge, sandboxUsers } from "./support/desk-bridge.js";
import { goTo, openDesk, type ScreenId } from "./support/desk-page.js";
import { seed } from "./support/desk-seed.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * Issue 10, item 13: axe-core on every desk screen and every phone page, light and dark, zh-CN: no
 * serious or critical WCAG A/AA violation (contrast 4.5:1 for text, heading order, names…). One browser
 * page per theme; screens are reached through the navigation, and axe runs once per screen, not per state.
 */
skipWithoutBrowser();

const PHONE = { width: 375, height: 667 };
const zh = "zh-CN";

/** Each screen and something only its loaded data shows (so axe sees the real screen, not a spinner). */
const SCREENS: Array<[ScreenId, (main: Locator, nickname: string) => Locator]> = [
  ["menu", (main) => main.getByRole("button", { name: "今日新闻", exact: true })],
  ["conditional", (main) => main.getByRole("heading", { level: 1 })],
  ["links", (main) => main.getByRole("button", { name: authLinkMessages[zh].build, exact: true })],
  ["users", (main, nickname) => main.getByRole("button", { name: nickname })],
  [
    "activity",
    (main, nickname) => main.getByText(eventMessages[zh].refreshedManual(nickname), { exact: true }),
  ],
  ["replies", (main) => main.getByText("今天的新闻：wxdesk 上线了。")],
  ["settings", (main) => main.getByText(settingsMessages[zh].sandboxRunning, { exact: true })],
];

async function scanDesk(page: Page, nickname: string, theme: string): Promise<AxeFinding[]> {
  const found: AxeFinding[] = [];
  for (const [screen, ready] of SCREENS) {
    await goTo(page, zh, screen);
    const main = page.getByRole("main", {
      name: appMessages[zh][`nav${screen[0]?.toUpperCase()}${screen.slice(1)}` as "navMenu"],
    });
    await expect(ready(main, nickname).first()).toBeVisible();
    if (screen === "links") {
      await page.getByRole("button", { name: authLinkMessages[zh].build, exact: true }).click();
      await expect(
        main.getByRole("img", { name: linksMessages[zh].qrAlt(linksMessages[zh].startTitle) }),
      ).toBeVisible();
    }
    if (screen === "users") {
      await main.getByRole("button", { name: nickname }).first().click();
      await expect(
        page.getByRole("complementary", { name: userDetailMessages[zh].panelLabel }).getByRole("button", {
          name: userDetailMessages[zh].refresh,
          exact: true,
        }),
      ).toBeVisible();
      await expect(main.getByRole("table", { name: usersMessages[zh].tableLabel })).toBeVisible();
    }
    await expect(main.locator('[aria-busy="true"]')).toHaveCount(0);
    found.push(...(await seriousViolations(page, `${theme} desk ${screen}`)));
  }
  return found;
}

/** Every phone page a WeChat user can meet here: the server's landing and notices, the sandbox's WeChat screens. */
async function scanPhone(phone: Page, desk: DeskBridge, theme: string): Promise<AxeFinding[]> {
  const found: AxeFinding[] = [];
  const scan = async (where: string, shown: Locator) => {
    await expect(shown.first()).toBeVisible();
    found.push(...(await seriousViolations(phone, `${theme} phone ${where}`)));
  };
  const links = (await desk.host.call("links.build", [
    { scope: "snsapi_userinfo", next: "/" },
  ])) as BuiltLinks;
  const users = await sandboxUsers(desk);
  const normal = users.find((u) => !u.snapshot && u.nickname);
  const snapshot = users.find((u) => u.snapshot);
  if (!normal || !snapshot) throw new Error("the sandbox needs a normal and a snapshot fixture user");

  await phone.goto(`${desk.serverUrl}/`);
  await scan("landing (signed out)", phone.getByRole("link", { name: "微信登录" }));
  await phone.goto(links.startUrl);
  await scan("sandbox user picker", phone.getByRole("link", { name: new RegExp(normal.nickname) }));
  await phone.getByRole("link", { name: new RegExp(normal.nickname) }).click();
  await scan("sandbox consent sheet", phone.getByRole("button", { name: "允许" }));
  await phone.getByRole("button", { name: "允许" }).click();
  await scan("landing (signed in)", phone.getByRole("heading", { name: `你好，${normal.nickname}` }));

  await phone.goto(links.startUrl);
  await phone.getByRole("link", { name: "切换账号" }).click();
  await phone.getByRole("link", { name: new RegExp(snapshot.nickname) }).click();
  await scan("sandbox snapshot page", phone.getByRole("link", { name: "使用完整服务" }));

  await phone.goto(`${desk.serverUrl}/oauth/snapshot?next=%2F`);
  await scan("snapshot notice", phone.getByRole("heading", { name: "你正在浏览快照页" }));
  await phone.goto(`${desk.serverUrl}/oauth/callback?code=c0de&state=unknownState1`);
  await scan("refused (link expired)", phone.getByRole("heading", { level: 1 }));
  const foreign = new URL(links.directUrl);
  foreign.searchParams.set("redirect_uri", "https://evil.example.com/cb");
  await phone.goto(foreign.href);
  await scan("sandbox error page", phone.getByRole("heading", { name: "这个链接打不开" }));
  await phone.goto(`${desk.serverUrl}/shop`);
  await scan("not found", phone.getByRole("heading", { name: "找不到这个页面" }));
  return found;
}

for (const theme of ["light", "dark"] as const) {
  test(`${theme}: no serious or critical axe violation on any desk screen or phone page (zh-CN)`, async ({
    page,
    desk,
  }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await openDesk(page, desk, zh);
    // A first-time admin's 用户 and 动态 are empty: their "nothing yet" state is a screen of its own.
    const found: AxeFinding[] = [];
    for (const screen of ["users", "activity"] as const) {
      await goTo(page, zh, screen);
      await expect(page.getByRole("main").locator(".empty-state")).toBeVisible();
      found.push(...(await seriousViolations(page, `${theme} desk ${screen} (empty)`)));
    }
    const { nickname } = await seed(desk);
    await page.reload();
    found.push(...(await scanDesk(page, nickname, theme)));

    const phone = await page.context().newPage();
    await phone.setViewportSize(PHONE);
    await phone.emulateMedia({ colorScheme: theme });
    found.push(...(await scanPhone(phone, desk, theme)));
    await phone.close();

    expect(found, describeFindings(found)).toEqual([]);
  });
}
