import { create } from "zustand";
import { readScreenHash, writeScreenHash } from "./nav-location.js";

/** Every screen the left navigation leads to (app/screens.tsx maps each to its component). */
export const SCREEN_IDS = [
  "menu",
  "conditional",
  "links",
  "users",
  "activity",
  "replies",
  "apps",
  "settings",
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

interface NavState {
  screen: ScreenId;
  /**
   * A user to show when the users screen opens (a 动态 row, a sign-in toast): the users screen takes it
   * (`takeUserToOpen`) and opens that user's detail. Features reach each other only through this.
   */
  userToOpen?: string;
  navigate(screen: ScreenId): void;
  /** Goes to 用户 with this user's detail open. */
  openUser(openid: string): void;
  /** The pending user to open, cleared as it is read. */
  takeUserToOpen(): string | undefined;
  reset(): void;
}

/** Routing is plain state: a desktop app with six screens needs no URL router. The hash only remembers it. */
export const useNavStore = create<NavState>()((set, get) => ({
  screen: readScreenHash(SCREEN_IDS) ?? "menu",
  userToOpen: undefined,
  navigate: (screen) => set({ screen }),
  openUser: (openid) => set({ screen: "users", userToOpen: openid }),
  takeUserToOpen() {
    const openid = get().userToOpen;
    if (openid !== undefined) set({ userToOpen: undefined });
    return openid;
  },
  reset: () => set({ screen: "menu", userToOpen: undefined }),
}));

// Every way the screen changes (navigate, a guard putting it back) ends up in the hash.
useNavStore.subscribe((state, previous) => {
  if (state.screen !== previous.screen) writeScreenHash(state.screen);
});
