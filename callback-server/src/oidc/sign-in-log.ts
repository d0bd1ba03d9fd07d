import type { Clock, EventBus } from "../app-context.js";
import type { Store } from "../store/store-types.js";
import type { AppRegistry } from "./app-registry.js";

/** One app a user signed in to (`GET /admin/api/users/:openid` → `apps`). */
export interface UserAppSignIn {
  clientId: string;
  /** The app's name now, or the name it had at the last sign-in when it was deleted since. */
  name: string;
  lastSignInAt: number;
}

export interface SignIn {
  clientId: string;
  appName: string;
  openid: string;
}

interface StoredSignIn {
  name: string;
  at: number;
}

const collectionOf = (openid: string) => `oidc-sign-ins:${openid}`;
/** Per app its last sign-in (`GET /admin/api/apps` → `lastSignInAt`): one record per app, not a scan. */
const APP_COLLECTION = "oidc-app-sign-ins";

/**
 * Who signed in to which app. Per user one small collection, app → last sign-in, and per app its
 * last sign-in: two writes per sign-in, one read for the user's page or the list of apps — no scan
 * of the event log. Each sign-in is also an
 * `app_sign_in` event for the desktop's activity stream (「商城：李娜 登录」).
 */
export class SignInLog {
  readonly #store: Store;
  readonly #events: EventBus;
  readonly #clock: Clock;
  readonly #apps: AppRegistry;

  constructor(deps: { store: Store; events: EventBus; clock: Clock; apps: AppRegistry }) {
    this.#store = deps.store;
    this.#events = deps.events;
    this.#clock = deps.clock;
    this.#apps = deps.apps;
  }

  async record(signIn: SignIn): Promise<void> {
    const stored: StoredSignIn = { name: signIn.appName, at: this.#clock.now() };
    const [user] = await Promise.all([
      this.#store.getUser(signIn.openid),
      this.#store.putRecord(collectionOf(signIn.openid), signIn.clientId, JSON.stringify(stored)),
      this.#store.putRecord(APP_COLLECTION, signIn.clientId, String(stored.at)),
    ]);
    await this.#events.publish("app_sign_in", {
      clientId: signIn.clientId,
      appName: signIn.appName,
      openid: signIn.openid,
      ...(user?.nickname ? { nickname: user.nickname } : {}),
    });
  }

  /** clientId → the time of its last sign-in, for every app someone signed in to. */
  async lastSignIns(): Promise<Map<string, number>> {
    const records = await this.#store.listRecords(APP_COLLECTION);
    return new Map(records.map(({ id, value }) => [id, Number(value)]));
  }

  /** Forget an app's last sign-in (the app was removed; a user's own history keeps its name). */
  async forgetApp(clientId: string): Promise<void> {
    await this.#store.deleteRecord(APP_COLLECTION, clientId);
  }

  /** Most recent first. */
  async appsOf(openid: string): Promise<UserAppSignIn[]> {
    const [records, apps] = await Promise.all([
      this.#store.listRecords(collectionOf(openid)),
      this.#apps.list(),
    ]);
    const names = new Map(apps.map((app) => [app.clientId, app.name]));
    return records
      .map(({ id, value }) => {
        const stored = JSON.parse(value) as StoredSignIn;
        return { clientId: id, name: names.get(id) ?? stored.name, lastSignInAt: stored.at };
      })
      .sort((a, b) => b.lastSignInAt - a.lastSignInAt);
  }
}
