import { z } from "zod";
import type { Lang, Role, Settings } from "../../desk-api.js";

/** The built-in local sandbox profile's id: never stored, never removable. */
export const LOCAL_PROFILE_ID = "local";

export const PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A profile as kept in settings.json: everything but the key (that lives in the keychain). */
export interface StoredProfile {
  id: string;
  name: string;
  serverUrl: string;
  role: Role;
  keyStorage: "keychain" | "plaintext" | "none";
}

/**
 * Where the built-in local sandbox listens, remembered so that links published into its menu keep
 * working after a restart (they carry the callback server's address, port included).
 */
export interface LocalAddresses {
  sandboxPort?: number;
  serverPort?: number;
  /** Ports it had before a start found them taken: menu links still pointing there must be republished. */
  formerPorts?: number[];
}

export interface StoredSettings extends Settings {
  version: 1;
  profiles: StoredProfile[];
  activeId: string;
  localSandbox?: LocalAddresses;
  /**
   * Which of the local server's two keys the built-in local profile uses: "support" lets an admin see
   * the app as support staff without handling a key (设置 → 以客服身份试用). Absent: admin.
   */
  localRole?: Role;
}

export const DEFAULT_SETTINGS: StoredSettings = {
  version: 1,
  profiles: [],
  activeId: LOCAL_PROFILE_ID,
  lang: "zh-CN",
  theme: "system",
  allowPlaintextKeys: false,
};

const storedProfileSchema = z.object({
  id: z
    .string()
    .regex(PROFILE_ID)
    .refine((id) => id !== LOCAL_PROFILE_ID),
  name: z.string().min(1).max(100),
  serverUrl: z.string().min(1).max(2048),
  role: z.enum(["admin", "support"]),
  keyStorage: z.enum(["keychain", "plaintext", "none"]),
});

const port = z.number().int().min(1).max(65_535);

/**
 * settings.json as read from disk. Missing fields take their defaults (an older or hand-written
 * file still loads); a field of the wrong kind makes the whole file "broken". A stray `key` field
 * is dropped (zod strips unknown keys) and never read back.
 */
export const storedSettingsSchema: z.ZodType<StoredSettings> = z.object({
  version: z.literal(1).default(1),
  profiles: z
    .array(storedProfileSchema)
    .max(200)
    .default([])
    .refine((profiles) => new Set(profiles.map((p) => p.id)).size === profiles.length),
  activeId: z.string().default(LOCAL_PROFILE_ID),
  lang: z.enum(["zh-CN", "en"] satisfies Lang[]).default("zh-CN"),
  theme: z.enum(["system", "light", "dark"]).default("system"),
  allowPlaintextKeys: z.boolean().default(false),
  // Remembered ports are a convenience: a broken entry is forgotten (new ports), never a broken file.
  localSandbox: z
    .object({
      sandboxPort: port.optional(),
      serverPort: port.optional(),
      formerPorts: z.array(port).max(20).optional(),
    })
    .optional()
    .catch(undefined),
  // A stray value falls back to admin: the local profile always works, whatever the file says.
  localRole: z
    .enum(["admin", "support"] satisfies Role[])
    .optional()
    .catch(undefined),
});

export function publicSettings(settings: StoredSettings): Settings {
  return { lang: settings.lang, theme: settings.theme, allowPlaintextKeys: settings.allowPlaintextKeys };
}
