import type { DeskError, SandboxUserView } from "@wxdesk/electron/desk-api";
import { create } from "zustand";
import { desk, toDeskError } from "../../app/desk.js";

interface SandboxUsersState {
  users: SandboxUserView[];
  /** Why the list could not be read; the screens still work (an openid can be typed). */
  error?: DeskError;
  /** The test user the screens act as: kept while it is in the list, else the first one. */
  chosen: string;
  /** Reads the list again (the sandbox may have been reset or restarted since). */
  load(): Promise<void>;
  choose(openid: string): void;
  reset(): void;
}

const initial = { users: [] as SandboxUserView[], error: undefined, chosen: "" };

/** The one store of the sandbox's test users, shared by the screens that act as one of them. */
export const useSandboxUsersStore = create<SandboxUsersState>()((set, get) => ({
  ...initial,

  async load() {
    try {
      const users = await desk().sandbox.users();
      const chosen = get().chosen;
      set({
        users,
        error: undefined,
        chosen: users.some((u) => u.openid === chosen) ? chosen : (users[0]?.openid ?? ""),
      });
    } catch (error) {
      set({ users: [], error: toDeskError(error), chosen: "" });
    }
  },

  choose: (chosen) => set({ chosen }),

  reset: () => set(initial),
}));
