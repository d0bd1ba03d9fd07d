import { expect, test } from "@playwright/test";
import { buildAuthorizeUrl } from "@wxdesk/wechat";
import { E2E_SANDBOX_PORT } from "../playwright.config.js";
import { chooseBrowser } from "./support/browser.js";
import { type BusinessPage, startBusinessPage } from "./support/business-page.js";

const SANDBOX = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
const APPID = "wx00000000000000a1";
const SECRET = "0123456789abcdef0123456789abcdef";
const PHONE = { width: 375, height: 667 };

interface FixtureUser {
  openid: string;
  nickname: string;
  snapshot?: boolean;
}

test.skip(chooseBrowser().missingReason !== undefined, "no browser on this machine");
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

let business: BusinessPage;
let user: FixtureUser;

test.beforeAll(async () => {
  await fetch(`${SANDBOX}/_sandbox/reset`, { method: "POST" });
  const users = (await (await fetch(`${SANDBOX}/_sandbox/users`)).json()) as FixtureUser[];
  const normal = users.find((u) => !u.snapshot);
  if (!normal) throw new Error("the sandbox has no normal fixture user");
  user = normal;
  business = await startBusinessPage({ apiBase: SANDBOX, appid: APPID, secret: SECRET });
});

test.afterAll(async () => {
  await business.close();
});

const authorizeUrl = (scope: "snsapi_base" | "snsapi_userinfo", state: string, redirectUri?: string) =>
  buildAuthorizeUrl({
    appid: APPID,
    redirectUri: redirectUri ?? business.callbackUrl,
    scope,
    state,
    openBase: SANDBOX,
  });

test("a new phone picks who it is, sees the consent sheet, allows, and the page greets it by nickname", async ({
  page,
}) => {
  await page.goto(authorizeUrl("snsapi_userinfo", "e2eAllow1"));
  await expect(page.getByText("选择微信用户").first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/sandbox-picker-375.png" });

  await page.getByRole("link", { name: new RegExp(escapeRegExp(user.nickname)) }).click();
  const allow = page.getByRole("button", { name: "允许" });
  await expect(allow).toBeVisible();
  await expect(page.getByRole("button", { name: "拒绝" })).toBeVisible();
  // The sheet must fit a phone screen: both buttons inside the viewport, no sideways scroll.
  const box = await allow.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(PHONE.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "e2e/screenshots/sandbox-consent-375.png" });

  await allow.click();
  await expect(page.getByTestId("greeting")).toHaveText(`你好，${user.nickname}`);
  await expect(page.getByTestId("openid")).toHaveText(user.openid);
  await expect(page.getByTestId("state")).toHaveText("e2eAllow1");
});

test("refusing comes back without a code and keeps the state", async ({ page }) => {
  await page.goto(
    `${authorizeUrl("snsapi_userinfo", "e2eDeny1")}`.replace("#", `&sandbox_openid=${user.openid}#`),
  );
  await page.getByRole("button", { name: "拒绝" }).click();
  await expect(page.getByRole("heading", { name: "你拒绝了授权" })).toBeVisible();
  await expect(page.getByTestId("state")).toHaveText("e2eDeny1");
  expect(new URL(page.url()).searchParams.has("code")).toBe(false);
});

test("snsapi_base is silent once the phone knows who it is", async ({ page }) => {
  await page.goto(authorizeUrl("snsapi_base", "e2eBase1").replace("#", `&sandbox_openid=${user.openid}#`));
  await expect(page.getByTestId("openid")).toHaveText(user.openid);
  await expect(page.getByTestId("state")).toHaveText("e2eBase1");
});

test("a redirect outside the authorized domain gets WeChat's 10003 page (the code behind 详情), not a redirect", async ({
  page,
}) => {
  await page.goto(authorizeUrl("snsapi_base", "e2eForeign", "https://evil.example.com/cb"));
  // Plain words first; WeChat's code (what the admin needs) behind 「详情」.
  await expect(page.getByRole("heading", { name: "这个链接打不开" })).toBeVisible();
  await expect(page.getByText("10003").first()).toBeHidden();
  await page.getByText("详情", { exact: true }).click();
  await expect(page.getByText("10003").first()).toBeVisible();
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${E2E_SANDBOX_PORT}`);
  await page.screenshot({ path: "e2e/screenshots/sandbox-error-10003-375.png" });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
