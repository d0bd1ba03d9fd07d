import { create } from "zustand";

/** Every screen the left navigation leads to (app/screens.tsx maps each to its component). */
export type ScreenId = "menu" | "conditional" | "links" | "users" | "activity" | "replies" | "settings";

interface NavState {
  screen: ScreenId;
  navigate(screen: ScreenId): void;
  reset(): void;
}

/** Routing is plain state: a desktop app with six screens needs no URL router. */
export const useNavStore = create<NavState>()((set) => ({
  screen: "menu",
  navigate: (screen) => set({ screen }),
  reset: () => set({ screen: "menu" }),
}));
