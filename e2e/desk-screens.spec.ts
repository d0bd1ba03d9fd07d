import type { Locator, Page } from "@playwright/test";
import { appMessages } from "../renderer/src/app/app-messages.js";
import { NAV_LABELS } from "../renderer/src/app/nav-labels.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { appsMessages } from "../renderer/src/features/apps/apps-messages.js";
import { conditionalMessages } from "../renderer/src/features/conditional/conditional-messages.js";
import { linksMessages } from "../renderer/src/features/links/links-messages.js";
import { settingsMessages } from "../renderer/src/features/settings/settings-messages.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { authLinkMessages } from "../renderer/src/shared/auth-link/auth-link-messages.js";
import {
  escapeRegExp,
  expectNoSidewaysScroll,
  goTo,
  type Lang,
  openDesk,
  type ScreenId,
  switchLanguage,
} from "./support/desk-page.js";
import { seed } from "./support/desk-seed.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";

/**
 * Every screen at the desk size with real data behind it (a published menu, authorized users, their
 * events, a reply): each must render its heading without crashing, without sideways scrolling and
 * without a console error. The screenshots land in e2e/screenshots/ for people to look at:
 * every screen in zh-CN, the menu editor and users in English, and dark mode once.
 */
skipWithoutBrowser();

/** Collects the page's console errors and uncaught exceptions. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/**
 * Goes to `screen`, waits until `ready` (something only its loaded data shows) is visible, checks the
 * screen did not crash and fits the window, then takes the screenshot.
 */
async function show(
  page: Page,
  lang: Lang,
  screen: ScreenId,
  file: string,
  ready: (main: Locator) => Locator,
): Promise<void> {
  await goTo(page, lang, screen);
  const main = page.getByRole("main", { name: appMessages[lang][NAV_LABELS[screen]] });
  await expect(main.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(ready(main).first()).toBeVisible();
  await expect(page.getByText(appMessages[lang].crashTitle)).toHaveCount(0);
  await expect(main.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: `e2e/screenshots/${file}` });
}

async function openUserDetail(page: Page, lang: Lang, nickname: string): Promise<void> {
  const row = page
    .getByRole("table", { name: usersMessages[lang].tableLabel })
    .getByRole("row")
    .filter({ hasText: nickname });
  await row.getByRole("button", { name: nickname }).click();
  const panel = page.getByRole("complementary", { name: userDetailMessages[lang].panelLabel });
  await expect(
    panel.getByRole("button", { name: userDetailMessages[lang].check, exact: true }),
  ).toBeVisible();
}

test("every screen renders in zh-CN, the menu editor and users in English, and the menu in dark mode", async ({
  page,
  desk,
}) => {
  const { nickname } = await seed(desk);
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: "light" });
  await openDesk(page, desk, "zh-CN");
  const zh = "zh-CN";
  const menuTree = (main: Locator) => main.getByRole("button", { name: "今日新闻", exact: true });

  await show(page, zh, "menu", "desk-menu-zh-1280.png", menuTree);
  await show(page, zh, "conditional", "desk-conditional-zh-1280.png", (main) =>
    main.getByText(conditionalMessages[zh].empty, { exact: true }),
  );
  await goTo(page, zh, "links");
  await page.getByRole("button", { name: authLinkMessages[zh].build, exact: true }).click();
  await show(page, zh, "links", "desk-links-zh-1280.png", (main) =>
    main.getByRole("img", { name: linksMessages[zh].qrAlt(linksMessages[zh].startTitle) }),
  );
  await goTo(page, zh, "users");
  await openUserDetail(page, zh, nickname);
  await show(page, zh, "users", "desk-users-zh-1280.png", (main) =>
    main.getByRole("button", { name: userDetailMessages[zh].refresh, exact: true }),
  );
  await show(page, zh, "activity", "desk-activity-zh-1280.png", (main) =>
    main.getByText(eventMessages[zh].refreshedManual(nickname), { exact: true }),
  );
  await show(page, zh, "replies", "desk-replies-zh-1280.png", (main) =>
    main.getByText("今天的新闻：wxdesk 上线了。"),
  );
  await show(page, zh, "apps", "desk-apps-empty-zh-1280.png", (main) =>
    main.getByText(appsMessages[zh].empty, { exact: true }),
  );
  await show(page, zh, "settings", "desk-settings-zh-1280.png", (main) =>
    main.getByText(settingsMessages[zh].sandboxRunning, { exact: true }),
  );

  await switchLanguage(page, "en");
  await show(page, "en", "menu", "desk-menu-en-1280.png", menuTree);
  await goTo(page, "en", "users");
  await openUserDetail(page, "en", nickname);
  await show(page, "en", "users", "desk-users-en-1280.png", (main) =>
    main.getByRole("button", { name: userDetailMessages.en.refresh, exact: true }),
  );

  // Dark mode, chosen in Settings (not the system's preference, which is light here).
  await switchLanguage(page, zh);
  await goTo(page, zh, "settings");
  const s = settingsMessages[zh];
  await page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(s.themeDark)}`) }).check();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await show(page, zh, "menu", "desk-menu-dark-zh-1280.png", menuTree);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(background)).toBeLessThan(0.3);

  expect(errors).toEqual([]);
});

/** Relative luminance (0 black … 1 white) of a CSS `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
