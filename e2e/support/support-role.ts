import { expect, type Locator, type Page } from "@playwright/test";
import { menuMessages } from "../../renderer/src/features/menu/menu-messages.js";
import { tokenMessages } from "../../renderer/src/features/users/token-messages.js";
import { userDetailMessages } from "../../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../../renderer/src/features/users/users-messages.js";
import { goTo, type Lang } from "./desk-page.js";

/**
 * What support staff meet on 用户 (a support profile, or the local sandbox tried as support): the user
 * who authorized with the token's state in words; refreshing and re-pulling the profile are refused,
 * and refresh says why; checking the token changes nothing, so support may do it, and it answers.
 */
export async function expectSupportUserDetail(
  page: Page,
  lang: Lang,
  user: { openid: string; nickname: string },
): Promise<void> {
  const u = usersMessages[lang];
  const d = userDetailMessages[lang];
  await goTo(page, lang, "users");
  const row = page
    .getByRole("table", { name: u.tableLabel })
    .getByRole("row")
    .filter({ hasText: user.openid });
  await expect(row).toContainText(tokenMessages[lang].state_valid);
  await row.getByRole("button", { name: user.nickname }).click();
  const panel = page.getByRole("complementary", { name: d.panelLabel });
  const refresh = panel.getByRole("button", { name: d.refresh, exact: true });
  await expect(refresh).toBeDisabled();
  await expect(refresh).toHaveAccessibleDescription(d.supportCannot);
  await expect(panel.getByRole("button", { name: d.repull, exact: true })).toBeDisabled();
  await panel.getByRole("button", { name: d.check, exact: true }).click();
  await expect(panel.getByText(d.checkOk, { exact: true })).toBeVisible();
}

/** 菜单 as support staff: publishing is off, and the button says why. Returns the publish button. */
export async function expectPublishRefusedToSupport(page: Page, lang: Lang): Promise<Locator> {
  const m = menuMessages[lang];
  await goTo(page, lang, "menu");
  const publish = page.getByRole("toolbar", { name: m.title }).getByRole("button", { name: m.publish });
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAccessibleDescription(m.supportCannotPublish);
  return publish;
}
