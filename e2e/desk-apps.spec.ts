import { freePort } from "@wxdesk/callback-server";
import { REFUSALS } from "../callback-server/src/oidc/wechat-sign-in.js";
import { eventMessages } from "../renderer/src/features/activity/event-messages.js";
import { appsMessages } from "../renderer/src/features/apps/apps-messages.js";
import { userDetailMessages } from "../renderer/src/features/users/user-detail-messages.js";
import { usersMessages } from "../renderer/src/features/users/users-messages.js";
import { uiMessages } from "../renderer/src/ui/ui-messages.js";
import { recordBridgeTraffic } from "./support/bridge-traffic.js";
import { sandboxUsers } from "./support/desk-bridge.js";
import { escapeRegExp, expectNoSidewaysScroll, goTo, LANGS, openDesk } from "./support/desk-page.js";
import { expect, skipWithoutBrowser, test } from "./support/desk-test.js";
import {
  pythonHasAuthlib,
  pythonLoginRedirect,
  runNodeSnippet,
  runPythonSnippet,
} from "./support/snippet-runner.js";

/**
 * 接入应用 against the local server, as an admin in the browser: add an app (the secret once), copy the
 * code for the developer and RUN it — the Node code pasted into an empty folder signs a sandbox user in
 * through the consent sheet, the Python code under Flask signs them in again; the PHP code's
 * addresses are the discovery document's. Then 动态 says 「商城：王芳 登录」, the user's details name the
 * app, the list has the sign-in; a new secret and a removal, each after a confirmation.
 */
skipWithoutBrowser();
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const LONG_ADDRESS =
  "https://member-centre.example.com/wechat/sign-in/callback/for/the/spring/campaign/2026?from=menu&channel=official-account";

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
}

for (const lang of LANGS) {
  test(`${lang}: an app added in 接入应用 signs a WeChat user in with the code it hands out`, async ({
    page,
    context,
    desk,
  }) => {
    test.setTimeout(120_000);
    const t = appsMessages[lang];
    const name = lang === "en" ? "Shop" : "商城";
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/callback`;
    const person = (await sandboxUsers(desk)).find((u) => u.nickname === "王芳");
    if (!person) throw new Error("no sandbox user 王芳");
    const snapshotPerson = (await sandboxUsers(desk)).find((u) => u.snapshot);
    if (!snapshotPerson) throw new Error("no sandbox snapshot-page user");

    await openDesk(page, desk, lang);
    await goTo(page, lang, "apps");
    await expect(page.getByText(t.empty, { exact: true })).toBeVisible();

    // Add: an address that cannot work is refused in words, before the server is asked.
    await page.getByRole("button", { name: t.add, exact: true }).click();
    const form = page.getByRole("dialog", { name: t.addTitle });
    await form.getByRole("textbox", { name: t.name }).fill(name);
    await form.getByRole("textbox", { name: t.address }).fill("http://shop.example.com/callback");
    await form.getByRole("button", { name: t.addConfirm, exact: true }).click();
    await expect(form.getByText(t.addressNotHttps)).toBeVisible();
    await form.getByRole("textbox", { name: t.address }).fill(callback);
    const traffic = await recordBridgeTraffic(page, desk.bridge.origin);
    await form.getByRole("button", { name: t.addConfirm, exact: true }).click();

    // The app ID, the secret this once, the settings address, the code.
    const shown = page.getByRole("dialog", { name: t.createdTitle(name) });
    await expect(shown.getByText(t.secretWarning)).toBeVisible();
    const clientId =
      (await shown.getByRole("group", { name: t.clientId }).locator("code").textContent()) ?? "";
    const secret = (await shown.getByRole("group", { name: t.secret }).locator("code").textContent()) ?? "";
    const discoveryUrl =
      (await shown.getByRole("group", { name: t.discoveryHeading }).locator("code").textContent()) ?? "";
    expect(clientId).toMatch(/^app_/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(discoveryUrl).toBe(`${desk.serverUrl}/.well-known/openid-configuration`);
    await page.screenshot({ path: `e2e/screenshots/desk-apps-created-${lang}.png` });

    await shown.getByRole("button", { name: t.copySecret }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const copyCode = async (language: string): Promise<string> => {
      await shown.getByRole("button", { name: language, exact: true }).click();
      await shown.getByRole("button", { name: new RegExp(`^${escapeRegExp(t.copyCode)}`) }).click();
      const code = await page.evaluate(() => navigator.clipboard.readText());
      expect(code).toContain("WXDESK_CLIENT_SECRET");
      expect(code).not.toContain(secret);
      expect(code).toContain(clientId);
      return code;
    };
    const nodeCode = await copyCode("Node.js");
    const javaCode = await copyCode("Java (Spring)");
    const phpCode = await copyCode("PHP");
    const pythonCode = await copyCode("Python (Flask)");

    // The PHP and Java code name the addresses the discovery document has.
    const discovery = (await (await fetch(discoveryUrl)).json()) as Discovery;
    for (const address of [
      discovery.authorization_endpoint,
      discovery.token_endpoint,
      discovery.userinfo_endpoint,
    ]) {
      expect(phpCode).toContain(`"${address}"`);
    }
    expect(javaCode).toContain(`issuer-uri: "${discovery.issuer}"`);

    // Closed: the secret is gone from the page; exactly one bridge answer carried it.
    await shown.getByRole("button", { name: t.done }).click();
    await expect(shown).toBeHidden();
    expect(await page.content()).not.toContain(secret);
    const { bodies, events } = await traffic.received();
    expect(bodies.filter((body) => body.includes(secret))).toHaveLength(1);
    expect(events.filter((event) => event.includes(secret))).toEqual([]);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(t.never);

    // The Python code: Authlib reads the discovery document and sends the browser to sign in.
    if (await pythonHasAuthlib()) {
      const login = await pythonLoginRedirect(pythonCode, {
        WXDESK_CLIENT_SECRET: secret,
        FLASK_SECRET_KEY: "e2e-only-flask-session-key",
        // The local sandbox is plain http on this machine.
        AUTHLIB_INSECURE_TRANSPORT: "1",
      });
      expect(login.status).toBe(302);
      const target = new URL(login.location);
      expect(`${target.origin}${target.pathname}`).toBe(discovery.authorization_endpoint);
      expect(target.searchParams.get("client_id")).toBe(clientId);
      expect(target.searchParams.get("redirect_uri")).toBe(callback);
      expect(target.searchParams.get("code_challenge_method")).toBe("S256");
    }

    // The Node code, pasted into an empty folder: a whole sign-in through the sandbox's consent sheet.
    const app = await runNodeSnippet(nodeCode, { WXDESK_CLIENT_SECRET: secret }, port);
    try {
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 375, height: 667 });
      await phone.goto(`http://127.0.0.1:${port}/`);
      await phone.getByRole("link", { name: "Sign in with WeChat" }).click();
      await phone.getByRole("link", { name: new RegExp(escapeRegExp(person.nickname)) }).click();
      await phone.getByRole("button", { name: "允许" }).click();
      await expect(phone.getByText(`Signed in: ${person.nickname} (${person.openid})`)).toBeVisible();
      await phone.close();

      // A snapshot-page visitor cannot sign in: the app's page says why in words (the server's
      // error_description), not the library's "authorization response from the server is an error".
      const visitor = await context.browser()?.newContext({ locale: "zh-CN" });
      if (!visitor) throw new Error("no browser for a second visitor");
      const snapshotPhone = await visitor.newPage();
      await snapshotPhone.setViewportSize({ width: 375, height: 667 });
      await snapshotPhone.goto(`http://127.0.0.1:${port}/login`);
      await snapshotPhone
        .getByRole("link", { name: new RegExp(escapeRegExp(snapshotPerson.nickname)) })
        .click();
      await snapshotPhone.getByRole("button", { name: "以快照模式浏览" }).click();
      await expect(
        snapshotPhone.getByText(`Sign-in failed: ${REFUSALS.snapshot.error_description}`),
      ).toBeVisible();
      await visitor.close();
    } finally {
      await app.stop();
    }
    let signIns = 1;

    // The Python code, served by Flask on the same address: the browser already signed in with WeChat
    // here, so it goes straight back to the app.
    if (await pythonHasAuthlib()) {
      const flask = await runPythonSnippet(
        pythonCode,
        {
          WXDESK_CLIENT_SECRET: secret,
          FLASK_SECRET_KEY: "e2e-only-flask-session-key",
          AUTHLIB_INSECURE_TRANSPORT: "1",
        },
        port,
      );
      try {
        const phone = await context.newPage();
        await phone.goto(`http://127.0.0.1:${port}/login`);
        await expect(phone.getByText(`Signed in: ${person.nickname} (${person.openid})`)).toBeVisible();
        await phone.close();
        signIns += 1;
      } finally {
        await flask.stop();
      }
    }

    // 动态 says it in words, once per sign-in; the user's details name the app; the list has the sign-in.
    await goTo(page, lang, "activity");
    await expect(page.getByText(eventMessages[lang].appSignIn(name, person.nickname))).toHaveCount(signIns);
    await goTo(page, lang, "users");
    await page
      .getByRole("table", { name: usersMessages[lang].tableLabel })
      .getByRole("button", { name: person.nickname })
      .click();
    const detail = page.getByRole("complementary", { name: userDetailMessages[lang].panelLabel });
    const signedInto = detail.getByRole("region", { name: userDetailMessages[lang].appsHeading });
    await expect(signedInto).toContainText(name);
    // The sign-in's own notice sits over the bottom of the panel: dismissed, as a person would.
    const notices = page.getByRole("region", { name: uiMessages[lang].notifications });
    for (const dismiss of await notices.getByRole("button", { name: uiMessages[lang].dismiss }).all()) {
      await dismiss.click();
    }
    await signedInto.evaluate((section) => section.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: `e2e/screenshots/desk-apps-user-detail-${lang}.png` });
    await goTo(page, lang, "apps");
    await expect(row).not.toContainText(t.never);

    // A second app with a long address: it wraps, the screen does not scroll sideways.
    await page.getByRole("button", { name: t.add, exact: true }).click();
    const second = page.getByRole("dialog", { name: t.addTitle });
    await second.getByRole("textbox", { name: t.name }).fill(lang === "en" ? "Member centre" : "会员中心");
    await second.getByRole("textbox", { name: t.address }).fill(LONG_ADDRESS);
    await second.getByRole("button", { name: t.addConfirm, exact: true }).click();
    await page.getByRole("button", { name: t.done }).click();
    await expect(page.getByText(LONG_ADDRESS)).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `e2e/screenshots/desk-apps-${lang}.png` });

    // A new secret, after a confirmation: the old one stops working at once.
    await row.getByRole("button", { name: t.rotateNamed(name) }).click();
    const rotate = page.getByRole("dialog", { name: t.rotateTitle(name) });
    await expect(rotate.getByText(t.rotateBody)).toBeVisible();
    await rotate.getByRole("button", { name: t.rotateConfirm }).click();
    const renewed = page.getByRole("dialog", { name: t.rotatedTitle(name) });
    const fresh = (await renewed.getByRole("group", { name: t.secret }).locator("code").textContent()) ?? "";
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(secret);
    await renewed.getByRole("button", { name: t.done }).click();
    const basic = (s: string) => `Basic ${Buffer.from(`${clientId}:${s}`).toString("base64")}`;
    const tokenWith = (s: string) =>
      fetch(discovery.token_endpoint, {
        method: "POST",
        headers: { authorization: basic(s), "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=authorization_code&code=none&redirect_uri=${encodeURIComponent(callback)}`,
      });
    expect(((await (await tokenWith(secret)).json()) as { error: string }).error).toBe("invalid_client");
    expect(((await (await tokenWith(fresh)).json()) as { error: string }).error).toBe("invalid_grant");

    // Remove, after a confirmation.
    await row.getByRole("button", { name: t.removeNamed(name) }).click();
    const remove = page.getByRole("dialog", { name: t.removeTitle(name) });
    await expect(remove.getByText(t.removeBody)).toBeVisible();
    await remove.getByRole("button", { name: t.removeConfirm }).click();
    await expect(page.getByText(new RegExp(escapeRegExp(t.removed(name))))).toBeVisible();
    await expect(row).toBeHidden();
    expect(((await (await tokenWith(fresh)).json()) as { error: string }).error).toBe("invalid_client");
  });
}
