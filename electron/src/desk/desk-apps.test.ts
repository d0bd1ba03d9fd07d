import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConnectedApps, IssuedAppSecret, ProfileView, UserDetail } from "../desk-api.js";
import { signInThroughApp } from "./testing/app-sign-in.js";
import { rejection } from "./testing/local-desk.js";
import { localDeskForFile } from "./testing/local-desk-for-file.js";

/** Where the apps of these tests say they live: the browser stops there, nothing needs to listen. */
const CALLBACK = "http://127.0.0.1:9/callback";

const d = localDeskForFile();

/** Everything the process writes while a test runs (the desk's console and the in-process server's log). */
let written: string[] = [];
const restore: Array<() => void> = [];
beforeEach(() => {
  written = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      written.push(
        args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : JSON.stringify(a))).join(" "),
      );
      original(...args);
    };
    restore.push(() => {
      console[level] = original;
    });
  }
});
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

describe("apps (connected apps) against the local server", () => {
  it("create: the secret once; a real app signs a user in with it; the list, the user and the activity say so", async () => {
    const before = await d.rec.call<ConnectedApps>("apps.list");
    expect(before.discoveryUrl).toBe(`${d.status.serverUrl}/.well-known/openid-configuration`);
    const discovery = await fetch(before.discoveryUrl);
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(d.status.serverUrl);

    const created = await d.rec.call<IssuedAppSecret>("apps.create", {
      name: " 商城 ",
      redirectUri: CALLBACK,
    });
    expect(created.app).toMatchObject({
      name: "商城",
      redirectUris: [CALLBACK],
      source: "admin",
      public: false,
    });
    expect(created.app.clientId).toMatch(/^app_/);
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.discoveryUrl).toBe(before.discoveryUrl);
    const secret = created.clientSecret;

    const listed = await d.rec.call<ConnectedApps>("apps.list");
    const mine = listed.apps.find((a) => a.clientId === created.app.clientId);
    expect(mine).toBeDefined();
    expect(mine).not.toHaveProperty("lastSignInAt");

    const li = d.byName("王芳");
    const signIn = (clientSecret: string) =>
      signInThroughApp({
        serverUrl: d.status.serverUrl,
        sandboxUrl: d.status.sandboxUrl,
        clientId: created.app.clientId,
        clientSecret,
        redirectUri: CALLBACK,
        openid: li.openid,
      });
    const signed = await signIn(secret);
    expect(signed.claims).toMatchObject({ sub: li.openid, aud: created.app.clientId });
    expect(signed.userinfo.nickname).toBe("王芳");

    const event = await d.nextEvent(
      (e) => e.type === "app_sign_in" && e.data.clientId === created.app.clientId,
    );
    expect(event.data).toMatchObject({ appName: "商城", openid: li.openid, nickname: "王芳" });
    const after = await d.rec.call<ConnectedApps>("apps.list");
    expect(after.apps.find((a) => a.clientId === created.app.clientId)?.lastSignInAt).toBeGreaterThanOrEqual(
      event.at - 1_000,
    );
    const detail = await d.rec.call<UserDetail>("users.get", li.openid);
    expect(detail.apps.map((a) => [a.clientId, a.name])).toEqual([[created.app.clientId, "商城"]]);

    // Rotate: a new secret, once; the old one stops working.
    const rotated = await d.rec.call<IssuedAppSecret>("apps.rotateSecret", created.app.clientId);
    expect(rotated.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.clientSecret).not.toBe(secret);
    expect(typeof rotated.app.secretRotatedAt).toBe("number");
    const old = await rejection(signIn(secret));
    expect(JSON.stringify(old)).toContain("invalid_client");

    // Nothing was written out with a secret in it (the desk's console, the local server's log).
    for (const s of [secret, rotated.clientSecret]) expect(written.join("").includes(s)).toBe(false);
    // Each secret appears in exactly one answer of the desk: the one that issued it.
    const outputs = d.rec.outputs.map((o) => JSON.stringify(o));
    for (const s of [secret, rotated.clientSecret]) {
      expect(outputs.filter((o) => o.includes(s))).toHaveLength(1);
    }

    await d.rec.call("apps.remove", created.app.clientId);
    const gone = await d.rec.call<ConnectedApps>("apps.list");
    expect(gone.apps.map((a) => a.clientId)).not.toContain(created.app.clientId);
    const again = await rejection(d.rec.call("apps.remove", created.app.clientId));
    expect(again.code).toBe("unknown_app");
    expect(again.messageZh).toBe("这个应用已不存在（可能已被删除）。");
    expect(again.messageZh).not.toContain("client_id");
    expect((await rejection(d.rec.call("apps.rotateSecret", created.app.clientId))).code).toBe("unknown_app");
  });

  it("refuses an address to come back to that cannot work, in words, before asking the server", async () => {
    const count = (await d.rec.call<ConnectedApps>("apps.list")).apps.length;
    for (const redirectUri of [
      "http://shop.example.com/cb",
      "shop.example.com/cb",
      "https://a.example/cb#x",
    ]) {
      const error = await rejection(d.rec.call("apps.create", { name: "x", redirectUri }));
      expect({ redirectUri, code: error.code }).toEqual({ redirectUri, code: "redirect_uri_invalid" });
      expect(error.messageZh).toMatch(/^登录后回到的地址/);
      expect(error.details?.field).toBe("redirectUri");
    }
    expect((await rejection(d.rec.call("apps.create", { name: "   ", redirectUri: CALLBACK }))).code).toBe(
      "bad_input",
    );
    expect(
      (await rejection(d.rec.call("apps.create", { name: "x".repeat(65), redirectUri: CALLBACK }))).code,
    ).toBe("bad_input");
    expect((await rejection(d.rec.call("apps.rotateSecret", ""))).code).toBe("bad_input");
    expect((await d.rec.call<ConnectedApps>("apps.list")).apps).toHaveLength(count);
    // http on this machine is fine (trying things out).
    const local = await d.rec.call<IssuedAppSecret>("apps.create", {
      name: "本机试用",
      redirectUri: "http://localhost:3000/callback",
    });
    await d.rec.call("apps.remove", local.app.clientId);
  });

  it("a support profile lists the apps (read-only) and is refused every change", async () => {
    const made = await d.rec.call<IssuedAppSecret>("apps.create", {
      name: "会员中心",
      redirectUri: CALLBACK,
    });
    const support = await d.rec.call<ProfileView>("profiles.add", {
      name: "客服",
      serverUrl: d.status.serverUrl,
      role: "support",
      key: d.localKeys.supportKey,
    });
    await d.rec.call("profiles.setActive", support.id);
    try {
      const list = await d.rec.call<ConnectedApps>("apps.list");
      expect(list.apps.map((a) => a.name)).toContain("会员中心");
      for (const [method, arg] of [
        ["apps.create", { name: "y", redirectUri: CALLBACK }],
        ["apps.rotateSecret", made.app.clientId],
        ["apps.remove", made.app.clientId],
      ] as const) {
        const error = await rejection(d.rec.call(method, arg));
        expect(error.code, method).toBe("forbidden");
        expect(error.messageZh).toContain("管理员密钥");
      }
    } finally {
      await d.rec.call("profiles.setActive", "local");
    }
    expect((await d.rec.call<ConnectedApps>("apps.list")).apps.map((a) => a.clientId)).toContain(
      made.app.clientId,
    );
  });
});
