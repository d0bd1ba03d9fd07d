import type { Role } from "../desk-api.js";
import type { ActivityStream } from "./activity/activity-stream.js";
import { AdminClient } from "./admin/admin-client.js";
import { DeskApiError } from "./desk-api-error.js";
import type { DeskHostOptions } from "./desk-host.js";
import type { Keychain } from "./keys/key-store.js";
import type { ProfileKeys } from "./keys/profile-keys.js";
import type { LocalSandbox } from "./local/local-sandbox.js";
import { sandboxStopped } from "./local/local-sandbox.js";
import type { DraftsFile } from "./settings/drafts-file.js";
import type { SettingsFile } from "./settings/settings-file.js";
import { LOCAL_PROFILE_ID, type StoredProfile } from "./settings/settings-schema.js";

/** What every method group shares: files, keys, the local sandbox, the event stream. */
export interface DeskContext {
  options: DeskHostOptions;
  settings: SettingsFile;
  drafts: DraftsFile;
  keychain: Keychain;
  keys: ProfileKeys;
  local: LocalSandbox;
  activity: ActivityStream;
}

export function unknownProfile(): DeskApiError {
  return new DeskApiError("unknown_profile", "There is no such profile.", "没有这个连接配置。");
}

/** A stored profile by id (the local one is not stored). */
export function storedProfile(ctx: DeskContext, id: string): StoredProfile {
  const profile = ctx.settings.get().profiles.find((p) => p.id === id);
  if (!profile) throw unknownProfile();
  return profile;
}

/** The role the built-in local profile acts in: admin unless switched to try the app as support staff. */
export function localRole(ctx: DeskContext): Role {
  return ctx.settings.get().localRole ?? "admin";
}

/** The admin client for a profile (default: the active one), with its key read just now. */
export async function clientFor(ctx: DeskContext, profileId?: string): Promise<AdminClient> {
  const id = profileId ?? ctx.settings.get().activeId;
  if (id === LOCAL_PROFILE_ID) {
    const target = ctx.local.target(localRole(ctx));
    if (!target) throw sandboxStopped();
    return new AdminClient(target);
  }
  const profile = storedProfile(ctx, id);
  const key = await ctx.keys.read(profile);
  if (!key) {
    throw new DeskApiError(
      "no_key",
      `The profile "${profile.name}" has no key saved on this computer. Edit the profile and enter its key.`,
      `连接配置「${profile.name}」在这台电脑上没有保存密钥。请编辑该配置并填写密钥。`,
    );
  }
  return new AdminClient({ baseUrl: profile.serverUrl, key });
}
