import type { Page } from "@playwright/test";
import { linksMessages } from "../../renderer/src/features/links/links-messages.js";
import { sandboxUsersMessages } from "../../renderer/src/shared/sandbox-users/sandbox-users-messages.js";
import type { Lang } from "./desk-page.js";

/**
 * 授权链接's 「试一试」 with the link just built: picks the sandbox user `nickname` and opens the
 * phone window the desk opens on WeChat's (the sandbox's) authorize page. Returns that window.
 */
export async function openSandboxPhone(page: Page, lang: Lang, nickname: string): Promise<Page> {
  const l = linksMessages[lang];
  const tryIt = page.getByRole("region", { name: l.sandboxTitle });
  await tryIt
    .getByRole("combobox", { name: sandboxUsersMessages[lang].label })
    .selectOption({ label: nickname });
  const popupOpened = page.waitForEvent("popup");
  await tryIt.getByRole("button", { name: l.sandboxOpen }).click();
  return popupOpened;
}
