import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import type { ActivityEvent, DeskError, SandboxStatus, SandboxUserView } from "../../desk-api.js";
import { createDeskHost } from "../create-desk-host.js";
import type { DeskHost } from "../desk-host.js";
import { type LocalKeys, newLocalKeys } from "../local/local-server-config.js";
import { recordingCaller } from "./output-recorder.js";
import { PhoneBrowser } from "./phone-browser.js";
import { tempDataDir } from "./temp-data-dir.js";
import { memoryKeychain } from "./test-keychains.js";

/** A DeskApi with its local sandbox running (known keys), every answer recorded, every live event kept. */
export interface LocalDesk {
  host: DeskHost;
  rec: ReturnType<typeof recordingCaller>;
  dataDir: string;
  localKeys: LocalKeys;
  status: Required<Pick<SandboxStatus, "sandboxUrl" | "serverUrl">>;
  users: SandboxUserView[];
  events: ActivityEvent[];
  /** The first event (already seen or still to come) that matches. */
  nextEvent(match: (e: ActivityEvent) => boolean): Promise<ActivityEvent>;
  byName(nickname: string): SandboxUserView;
  close(): Promise<void>;
}

/** `dataDir`: start on an existing data folder (a restart of the app); it is then left in place at close. */
export async function startLocalDesk(options: { dataDir?: string } = {}): Promise<LocalDesk> {
  const dir = options.dataDir ? { path: options.dataDir, remove: () => {} } : tempDataDir();
  const localKeys = newLocalKeys();
  const host = await createDeskHost(
    { dataDir: dir.path, transport: "web", appVersion: "0.1.0", startLocalSandbox: true },
    { keychain: memoryKeychain(), localKeys },
  );
  const rec = recordingCaller(host);
  const events: ActivityEvent[] = [];
  const waiters: Array<{ match: (e: ActivityEvent) => boolean; resolve: (e: ActivityEvent) => void }> = [];
  host.api.activity.subscribe((event) => {
    events.push(event);
    for (const waiter of waiters.filter((w) => w.match(event))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  const status = await rec.call<SandboxStatus>("sandbox.status");
  if (!status.sandboxUrl || !status.serverUrl) throw new Error("the local sandbox did not start");
  const users = await rec.call<SandboxUserView[]>("sandbox.users");
  // Wait until the event stream knows where to start: events from here on are not missed.
  await host.api.activity.status();
  return {
    host,
    rec,
    dataDir: dir.path,
    localKeys,
    status: { sandboxUrl: status.sandboxUrl, serverUrl: status.serverUrl },
    users,
    events,
    nextEvent(match) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    byName(nickname) {
      const user = users.find((u) => u.nickname === nickname);
      if (!user) throw new Error(`no sandbox user ${nickname}`);
      return user;
    },
    async close() {
      await host.close();
      dir.remove();
    },
  };
}

export async function rejection(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise;
  } catch (error) {
    return error as DeskError;
  }
  throw new Error("expected a rejection");
}

/** What WeChat's `menu/get` says right now (the sandbox, asked with a stable_token like any caller). */
export async function sandboxMenu(
  sandboxUrl: string,
): Promise<{ menu?: { button: unknown[] }; errcode?: number }> {
  const tokenResponse = await fetch(`${sandboxUrl}/cgi-bin/stable_token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credential",
      appid: SANDBOX_DEFAULTS.appid,
      secret: SANDBOX_DEFAULTS.secret,
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${sandboxUrl}/cgi-bin/menu/get?access_token=${access_token}`);
  return (await response.json()) as { menu?: { button: unknown[] }; errcode?: number };
}

/**
 * The OAuth journey a WeChat user makes from a start link, the consent given through the sandbox
 * control API (`POST /_sandbox/consent`), as callback-server's oauth-journey test does.
 */
export async function authorizeThroughSandbox(
  sandboxUrl: string,
  startUrl: string,
  openid: string,
): Promise<PhoneBrowser> {
  const browser = new PhoneBrowser();
  const start = await browser.fetch(startUrl);
  if (start.status !== 302) throw new Error(`start answered ${start.status}`);
  const authorize = new URL(start.headers.get("location") ?? "");
  const consent = await fetch(`${sandboxUrl}/_sandbox/consent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      appid: SANDBOX_DEFAULTS.appid,
      redirect_uri: authorize.searchParams.get("redirect_uri"),
      scope: authorize.searchParams.get("scope"),
      state: authorize.searchParams.get("state"),
      openid,
    }),
  });
  if (consent.status !== 200) throw new Error(`consent answered ${consent.status}: ${await consent.text()}`);
  const { location } = (await consent.json()) as { location: string };
  const callback = await browser.fetch(location);
  if (callback.status !== 302 || !browser.cookie("wxdesk_session")) {
    throw new Error(`the callback answered ${callback.status} without a session`);
  }
  return browser;
}
