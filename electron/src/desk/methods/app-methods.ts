import { basename } from "node:path";
import type { AppInfo, DeskApi, Settings } from "../../desk-api.js";
import { DeskApiError } from "../desk-api-error.js";
import type { DeskContext } from "../desk-context.js";
import { publicSettings } from "../settings/settings-schema.js";

/**
 * Turning "keys in a file" off while some keys live there: move them into the keychain if it
 * answers now; otherwise refuse (turning it off would strand those profiles without their keys).
 */
async function leavePlaintext(ctx: DeskContext): Promise<Map<string, "keychain">> {
  const plaintext = ctx.settings.get().profiles.filter((p) => p.keyStorage === "plaintext");
  const moved = new Map<string, "keychain">();
  if (plaintext.length === 0) return moved;
  const status = await ctx.keychain.status();
  if (!status.available) {
    throw new DeskApiError(
      "plaintext_keys_in_use",
      `${plaintext.length} profile(s) keep their key in the file, and no system keychain answers to take them over. Fix the keychain first, or remove those profiles.`,
      `有 ${plaintext.length} 个连接配置的密钥保存在文件里，而系统钥匙串不可用，无法转移。请先修好钥匙串，或删除这些配置。`,
    );
  }
  for (const profile of plaintext) {
    const key = await ctx.keys.read(profile);
    if (key === undefined) continue;
    await ctx.keys.save(profile.id, key, false);
    moved.set(profile.id, "keychain");
  }
  return moved;
}

export function appMethods(ctx: DeskContext): DeskApi["app"] {
  return {
    async info(): Promise<AppInfo> {
      const recovery = ctx.settings.recovery;
      return {
        version: ctx.options.appVersion,
        transport: ctx.options.transport,
        platform: process.platform,
        keychain: await ctx.keychain.status(),
        settings: publicSettings(ctx.settings.get()),
        ...(recovery
          ? {
              settingsRecovery: {
                file: basename(recovery.keptAs),
                message: recovery.message,
                messageZh: recovery.messageZh,
              },
            }
          : {}),
      };
    },

    async saveSettings(patch: Partial<Settings>): Promise<Settings> {
      const current = ctx.settings.get();
      const moved =
        patch.allowPlaintextKeys === false && current.allowPlaintextKeys
          ? await leavePlaintext(ctx)
          : new Map();
      const next = await ctx.settings.update((s) => {
        if (patch.lang !== undefined) s.lang = patch.lang;
        if (patch.theme !== undefined) s.theme = patch.theme;
        if (patch.allowPlaintextKeys !== undefined) s.allowPlaintextKeys = patch.allowPlaintextKeys;
        for (const profile of s.profiles) {
          const storage = moved.get(profile.id);
          if (storage) profile.keyStorage = storage;
        }
      });
      return publicSettings(next);
    },
  };
}
