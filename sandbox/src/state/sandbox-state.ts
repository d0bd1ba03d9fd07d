import { VirtualClock } from "./clock.js";
import { FaultTable } from "./faults.js";
import {
  DEFAULT_APP,
  deriveOpenid,
  FIXTURE_USERS,
  makeApp,
  makeUser,
  SANDBOX_DEFAULTS,
  type SandboxApp,
  type SandboxOptions,
  type SandboxUser,
  type SandboxUserInput,
  SECOND_APP,
} from "./fixtures.js";
import { GlobalTokenStore } from "./global-token-store.js";
import { MenuStore } from "./menu-store.js";
import { OAuthStore } from "./oauth-store.js";
import { createRandomStreams, type RandomStreams } from "./random.js";

/**
 * Everything the sandbox knows. Configuration (apps, users) survives `reset()`; everything issued
 * (codes, tokens, menus, tickets, stats, faults, clock offset) is forgotten and the seeded streams
 * (fault decisions, rids) start over. Credentials issued after a reset are new ones (random.ts).
 */
export class SandboxState {
  readonly seed: string;
  readonly clock = new VirtualClock();
  readonly apps = new Map<string, SandboxApp>();
  readonly defaultApp: SandboxApp;
  readonly users: SandboxUser[] = [];
  readonly oauth: OAuthStore;
  readonly globalTokens: GlobalTokenStore;
  readonly menus = new MenuStore();
  readonly faults: FaultTable;
  readonly stats = new Map<string, number>();
  readonly options: Required<Pick<SandboxOptions, "phoneTimeoutMs" | "faultHoldMs">> & SandboxOptions;
  random: RandomStreams;
  private readonly usersById = new Map<string, SandboxUser>();
  /** appid → openid → user (real openids only; snapshot virtual ids are never looked up). */
  private readonly openidIndex = new Map<string, Map<string, SandboxUser>>();

  constructor(options: SandboxOptions = {}) {
    this.options = { phoneTimeoutMs: 5000, faultHoldMs: 30_000, ...options };
    this.seed = options.seed ?? SANDBOX_DEFAULTS.seed;
    this.random = createRandomStreams(this.seed);
    const appInputs = options.replaceDefaultApp
      ? (options.apps ?? [])
      : [DEFAULT_APP, SECOND_APP, ...(options.apps ?? [])];
    for (const input of appInputs) this.apps.set(input.appid, makeApp(input, options));
    const first = this.apps.values().next().value;
    if (first === undefined) throw new Error("SandboxOptions: at least one app is required");
    this.defaultApp = first;
    const userInputs = options.replaceDefaultUsers
      ? (options.users ?? [])
      : [...FIXTURE_USERS, ...(options.users ?? [])];
    for (const input of userInputs) this.addUser(input);
    this.oauth = new OAuthStore(this.clock, () => this.random.credentials);
    this.globalTokens = new GlobalTokenStore(this.clock, () => this.random.credentials, {
      tokenDaily: options.tokenDailyQuota ?? 2000,
      stableForceDaily: options.stableForceDailyQuota ?? 20,
    });
    this.faults = new FaultTable(() => this.random.faults);
  }

  reset(): void {
    this.random = createRandomStreams(this.seed);
    this.clock.reset();
    this.oauth.clear();
    this.globalTokens.clear();
    this.menus.clear();
    this.faults.replace([]);
    this.stats.clear();
  }

  /** Adds a user; throws when its id or openid is already taken (the control API checks first). */
  addUser(input: SandboxUserInput): SandboxUser {
    const user = makeUser(input, this.users.length, this.defaultApp.appid);
    if (this.usersById.has(user.id)) throw new Error(`user id ${user.id} already exists`);
    const explicit = input.openid;
    if (explicit !== undefined && this.userByOpenid(this.defaultApp.appid, explicit)) {
      throw new Error(`openid ${explicit} already exists`);
    }
    this.users.push(user);
    this.usersById.set(user.id, user);
    for (const [appid, index] of this.openidIndex) index.set(this.openidOf(user, appid), user);
    return user;
  }

  openidOf(user: SandboxUser, appid: string): string {
    return user.openids.get(appid) ?? deriveOpenid(appid, user.id);
  }

  userById(id: string): SandboxUser | undefined {
    return this.usersById.get(id);
  }

  userByOpenid(appid: string, openid: string): SandboxUser | undefined {
    let index = this.openidIndex.get(appid);
    if (index === undefined) {
      index = new Map();
      for (const user of this.users) index.set(this.openidOf(user, appid), user);
      this.openidIndex.set(appid, index);
    }
    return index.get(openid);
  }

  /** Counts one call to a WeChat path for `GET /_sandbox/stats`. */
  count(path: string): void {
    this.stats.set(path, (this.stats.get(path) ?? 0) + 1);
  }
}
