import { expect, test } from "@playwright/test";
import {
  type OAuthHarness,
  startOAuthHarness,
} from "../callback-server/src/routes/oauth/testing/oauth-test-harness.js";
import { chooseBrowser } from "./support/browser.js";

/**
 * What a WeChat user touches, in a phone-sized browser: our server's start link → the sandbox's
 * consent sheet → our callback → our landing page; plus the pages for "拒绝" and for snapshot-page
 * users. The callback server and its sandbox run in this process on loopback ports.
 */
const PHONE = { width: 375, height: 667 };

test.skip(chooseBrowser().missingReason !== undefined, "no browser on this machine");
test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

let h: OAuthHarness;

test.beforeAll(async () => {
  h = await startOAuthHarness();
});

test.afterAll(async () => {
  await h.close();
});

function fixture(predicate: (u: OAuthHarness["users"][number]) => boolean) {
  const user = h.users.find(predicate);
  if (!user) throw new Error("the sandbox lacks a fixture user this test needs");
  return user;
}

test("start link → consent sheet (允许) → landing page greets the user by nickname, avatar shown", async ({
  page,
}) => {
  const user = fixture((u) => !u.snapshot && u.unionid !== undefined);
  await page.goto(`${h.url}/oauth/start?scope=snsapi_userinfo`);
  await page.getByRole("link", { name: new RegExp(escapeRegExp(user.nickname)) }).click();
  await page.getByRole("button", { name: "允许" }).click();

  await expect(page).toHaveURL(`${h.url}/`);
  await expect(page.getByText(user.nickname).first()).toBeVisible();
  const avatar = page.getByRole("img").first();
  await expect(avatar).toBeVisible();
  // The avatar really loaded (served by the sandbox), not a broken image.
  expect(await avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "e2e/screenshots/server-landing-375.png" });

  // The page's own API knows who this is, without any token in it.
  const me = await page.evaluate(async () => (await fetch("/api/me")).json());
  expect(me).toMatchObject({ openid: user.openid, nickname: user.nickname });
  const stored = await h.ctx.store.getUser(user.openid);
  if (!stored) throw new Error("the user was not stored");
  for (const sealed of [stored.tokens.accessTokenEnc, stored.tokens.refreshTokenEnc]) {
    expect(JSON.stringify(me)).not.toContain(h.ctx.cipher.decrypt(sealed));
  }

  // Refreshing the callback URL (the browser re-sends the same code) must not show an error.
  const calls = await h.calls();
  await page.goBack();
  await expect(page.getByText(user.nickname).first()).toBeVisible();
  expect((await h.calls())["/sns/oauth2/access_token"]).toBe(calls["/sns/oauth2/access_token"]);
});

test("拒绝 on the consent sheet → a readable page with a way to try again", async ({ page }) => {
  const user = fixture((u) => !u.snapshot);
  await page.goto(`${h.url}/oauth/start?scope=snsapi_userinfo`);
  await page.getByRole("link", { name: new RegExp(escapeRegExp(user.nickname)) }).click();
  await page.getByRole("button", { name: "拒绝" }).click();

  await expect(page.getByText("你已拒绝授权").first()).toBeVisible();
  const retry = page.getByRole("link", { name: /重新授权|再试一次|重试/ });
  await expect(retry).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/server-denied-375.png" });
  expect((await page.request.get(`${h.url}/api/me`)).status()).toBe(401);
});

test("a snapshot-page user lands in guest mode with an explanation, and nothing is stored", async ({
  page,
}) => {
  const user = fixture((u) => u.snapshot);
  const before = await h.ctx.store.countUsers();
  await page.goto(`${h.url}/oauth/start?scope=snsapi_userinfo`);
  await page.getByRole("link", { name: new RegExp(escapeRegExp(user.nickname)) }).click();
  // WeChat shows such a user the snapshot page (§1.3); browsing on gives the site a virtual account.
  await page.getByRole("button", { name: /以快照模式浏览/ }).click();

  await expect(page).toHaveURL(/\/oauth\/snapshot/);
  await expect(page.getByRole("link", { name: /完整服务|继续/ }).first()).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/server-snapshot-375.png" });
  expect(await h.ctx.store.countUsers()).toBe(before);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
