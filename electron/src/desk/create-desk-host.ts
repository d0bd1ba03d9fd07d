import { mkdir } from "node:fs/promises";
import type { DeskApi, DeskMethod } from "../desk-api.js";
import { isDeskMethod } from "../shared/desk-methods.js";
import { ActivityStream } from "./activity/activity-stream.js";
import { describeBadInput } from "./args/describe-bad-input.js";
import { METHOD_ARGS } from "./args/method-args.js";
import { asDeskApiError, badInput, DeskApiError } from "./desk-api-error.js";
import { clientFor, type DeskContext } from "./desk-context.js";
import type { DeskHost, DeskHostOptions } from "./desk-host.js";
import type { Keychain } from "./keys/key-store.js";
import { createKeytarKeychain } from "./keys/keytar-keychain.js";
import { PlaintextKeyStore } from "./keys/plaintext-key-store.js";
import { ProfileKeys } from "./keys/profile-keys.js";
import { LocalSandbox } from "./local/local-sandbox.js";
import type { LocalKeys } from "./local/local-server-config.js";
import { activityMethods } from "./methods/activity-methods.js";
import { appMethods } from "./methods/app-methods.js";
import { appsMethods } from "./methods/apps-methods.js";
import { linksMethods } from "./methods/links-methods.js";
import { menuMethods } from "./methods/menu-methods.js";
import { profileMethods } from "./methods/profile-methods.js";
import { repliesMethods } from "./methods/replies-methods.js";
import { sandboxMethods } from "./methods/sandbox-methods.js";
import { serviceKeysMethods } from "./methods/service-keys-methods.js";
import { usersMethods } from "./methods/users-methods.js";
import { DraftsFile } from "./settings/drafts-file.js";
import { SettingsFile } from "./settings/settings-file.js";
import { LOCAL_PROFILE_ID } from "./settings/settings-schema.js";

/** Parts a test may replace; the app uses the defaults. */
export interface DeskHostDeps {
  /** Default: the OS keychain through keytar (service `wxdesk`). */
  keychain?: Keychain;
  /** Default: fresh random keys per run of the local server. */
  localKeys?: LocalKeys;
  /** First reconnect delay of the activity stream (default 1 s, doubling up to 30 s). */
  activityBackoffMs?: number;
}

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Every method rejects with a DeskApiError. An unexpected error (a bug) is logged here, on the
 * Node side, and leaves as `internal` with a generic message.
 */
function guard(api: DeskApi): DeskApi {
  const guarded: Record<string, Record<string, unknown>> = {};
  for (const [namespace, methods] of Object.entries(api) as [string, Record<string, unknown>][]) {
    guarded[namespace] = {};
    for (const [name, fn] of Object.entries(methods)) {
      if (name === "subscribe") {
        guarded[namespace][name] = fn;
        continue;
      }
      guarded[namespace][name] = async (...args: unknown[]) => {
        try {
          return await (fn as AnyMethod)(...args);
        } catch (error) {
          if (!(error instanceof DeskApiError)) console.error(`[wxdesk] ${namespace}.${name} failed:`, error);
          throw asDeskApiError(error);
        }
      };
    }
  }
  return guarded as unknown as DeskApi;
}

/**
 * The one DeskApi implementation (Node only, no Electron): settings and profiles, keys in the OS
 * keychain, the local sandbox, the admin client, the activity stream. Both transports call
 * `host.call(method, args)`, which checks the arguments first.
 */
export async function createDeskHost(options: DeskHostOptions, deps: DeskHostDeps = {}): Promise<DeskHost> {
  await mkdir(options.dataDir, { recursive: true });
  const settings = new SettingsFile(options.dataDir);
  await settings.load();
  const keychain = deps.keychain ?? createKeytarKeychain();
  const keys = new ProfileKeys(keychain, new PlaintextKeyStore(options.dataDir));

  // The context is filled in below; the stream and the sandbox only read it once things run.
  const ctx = { options, settings, keychain, keys, drafts: new DraftsFile(options.dataDir) } as DeskContext;
  ctx.activity = new ActivityStream({
    client: () => clientFor(ctx),
    ...(deps.activityBackoffMs === undefined ? {} : { backoffStartMs: deps.activityBackoffMs }),
  });
  ctx.local = new LocalSandbox({
    dataDir: options.dataDir,
    ...(deps.localKeys ? { keys: deps.localKeys } : {}),
    onChange: () => {
      if (settings.get().activeId === LOCAL_PROFILE_ID) ctx.activity.retarget();
    },
    addresses: {
      load: () => settings.get().localSandbox,
      save: async (localSandbox) => {
        await settings.update((draft) => {
          draft.localSandbox = localSandbox;
        });
      },
    },
  });

  const api = guard({
    app: appMethods(ctx),
    profiles: profileMethods(ctx),
    menu: menuMethods(ctx),
    links: linksMethods(ctx),
    users: usersMethods(ctx),
    replies: repliesMethods(ctx),
    serviceKeys: serviceKeysMethods(ctx),
    apps: appsMethods(ctx),
    activity: activityMethods(ctx),
    sandbox: sandboxMethods(ctx),
  });

  // A sandbox that cannot start must not stop the app: sandbox.status() says why, start() retries.
  const started = options.startLocalSandbox
    ? await ctx.local.start().then(
        () => true,
        () => false,
      )
    : false;
  // The sandbox's onChange already pointed the stream at it when it is the active profile.
  if (!(started && settings.get().activeId === LOCAL_PROFILE_ID)) ctx.activity.retarget();

  let closed: Promise<void> | undefined;
  return {
    api,
    async call(method: DeskMethod, args: unknown[]): Promise<unknown> {
      if (!isDeskMethod(method)) {
        const named = String(method).slice(0, 64);
        throw badInput(`There is no method "${named}".`, `没有「${named}」这个方法。`);
      }
      const schema = METHOD_ARGS[method];
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw describeBadInput(method, schema, args, parsed.error);
      const [namespace = "", name = ""] = method.split(".");
      const fn = (api as unknown as Record<string, Record<string, AnyMethod>>)[namespace]?.[name];
      if (!fn) throw badInput(`There is no method "${method}".`, `没有「${method}」这个方法。`);
      return fn(...(parsed.data as unknown[]));
    },
    close() {
      closed ??= (async () => {
        ctx.activity.close();
        await ctx.local.stop();
        await settings.settle();
      })();
      return closed;
    },
  };
}
