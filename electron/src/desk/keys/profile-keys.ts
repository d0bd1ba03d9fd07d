import { DeskApiError } from "../desk-api-error.js";
import type { StoredProfile } from "../settings/settings-schema.js";
import type { Keychain } from "./key-store.js";
import { keychainUnavailable } from "./keychain-words.js";
import type { PlaintextKeyStore } from "./plaintext-key-store.js";

export type KeyStorage = StoredProfile["keyStorage"];

/**
 * Chooses where a profile's key goes: the OS keychain; a 0600 file only when no keychain
 * answers and the user agreed; otherwise nowhere (`keychain_unavailable`, nothing saved).
 */
export class ProfileKeys {
  constructor(
    private readonly keychain: Keychain,
    private readonly plaintext: PlaintextKeyStore,
  ) {}

  /** Saves the key and says where it went. The other storage's copy (if any) is removed. */
  async save(profileId: string, key: string, allowPlaintext: boolean): Promise<KeyStorage> {
    const status = await this.keychain.status();
    if (status.available) {
      try {
        await this.keychain.set(profileId, key);
        await this.plaintext.delete(profileId);
        return "keychain";
      } catch (error) {
        if (!allowPlaintext || !(error instanceof DeskApiError)) throw error;
      }
    } else if (!allowPlaintext) {
      throw keychainUnavailable({
        reason: status.reason ?? "No system keychain answers.",
        reasonZh: status.reasonZh ?? "系统钥匙串不可用。",
      });
    }
    await this.plaintext.set(profileId, key);
    await this.keychain.delete(profileId).catch(() => {});
    return "plaintext";
  }

  /** The key, or undefined when none is stored (or its storage does not answer). */
  async read(profile: StoredProfile): Promise<string | undefined> {
    try {
      if (profile.keyStorage === "keychain") return (await this.keychain.get(profile.id)) ?? undefined;
      if (profile.keyStorage === "plaintext") return (await this.plaintext.get(profile.id)) ?? undefined;
    } catch {
      return undefined;
    }
    return undefined;
  }

  /** Removes the key from wherever it may be (best effort on the keychain). */
  async remove(profileId: string): Promise<void> {
    await this.plaintext.delete(profileId);
    await this.keychain.delete(profileId).catch(() => {});
  }
}
