import type { Keychain } from "../keys/key-store.js";
import { createKeytarKeychain, type KeytarLike } from "../keys/keytar-keychain.js";

/** A keychain that works, in memory: for tests about everything but the keychain itself. */
export function memoryKeychain(): Keychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    status: async () => ({ available: true }),
    get: async (id) => entries.get(id) ?? null,
    set: async (id, key) => {
      entries.set(id, key);
    },
    delete: async (id) => {
      entries.delete(id);
    },
  };
}

/**
 * The real keytar-backed keychain, given a keytar whose every call fails the way keytar does on a
 * machine without a Secret Service (this exact message comes from libsecret outside a D-Bus session).
 */
export function unavailableKeychain(message = "Cannot autolaunch D-Bus without X11 $DISPLAY"): Keychain {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  const keytar: KeytarLike = { getPassword: fail, setPassword: fail, deletePassword: fail };
  return createKeytarKeychain({ load: async () => keytar });
}
