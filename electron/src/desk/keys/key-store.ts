import type { KeychainStatus } from "../../desk-api.js";

/** Where admin/support keys are kept, by profile id. Values never leave the Node side. */
export interface KeyStore {
  get(profileId: string): Promise<string | null>;
  set(profileId: string, key: string): Promise<void>;
  delete(profileId: string): Promise<void>;
}

/** The OS keychain: a KeyStore that may be absent (no Secret Service, locked, module missing). */
export interface Keychain extends KeyStore {
  /** Asks the keychain now (read-only: it never creates an item or prompts). */
  status(): Promise<KeychainStatus>;
}
