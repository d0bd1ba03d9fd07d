import { useAppStore } from "../app/app-store.js";
import { useNavStore } from "../app/nav-store.js";
import { useSandboxUsersStore } from "../shared/sandbox-users/sandbox-users-store.js";
import { useToastStore } from "../ui/toast-store.js";
import { createMemoryDeskApi, type MemoryDesk, type MemoryDeskOptions } from "./memory-desk-api.js";

/** Puts the shell's stores and the shared ones back to their first state (features reset their own stores). */
export function resetShellStores(): void {
  useAppStore.getState().reset();
  useNavStore.getState().reset();
  useToastStore.getState().reset();
  useSandboxUsersStore.getState().reset();
}

/**
 * For tests: a fresh memory DeskApi on `globalThis.wxdesk` (where the preload or the web bridge puts the
 * real one) and the app store loaded from it, as at start-up. Returns the memory desk to arrange/assert.
 */
export async function installMemoryDesk(options: MemoryDeskOptions = {}): Promise<MemoryDesk> {
  resetShellStores();
  const desk = createMemoryDeskApi(options);
  globalThis.wxdesk = desk;
  await useAppStore.getState().load();
  await useAppStore.getState().checkConnection();
  return desk;
}

export function uninstallDesk(): void {
  globalThis.wxdesk = undefined;
  resetShellStores();
}
