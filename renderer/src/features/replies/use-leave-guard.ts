import { useEffect } from "react";
import { useNavStore } from "../../app/nav-store.js";
import { selectDirty, useRepliesStore } from "./replies-store.js";

/**
 * Keeps the admin on this screen when they navigate away with unsaved replies, and asks (the screen shows
 * the question while `pendingLeave` is set). The navigation store has no guard of its own, so the move is
 * undone in the same synchronous update: React never renders the other screen.
 */
export function useLeaveGuard(): void {
  useEffect(
    () =>
      useNavStore.subscribe((state, previous) => {
        if (previous.screen !== "replies" || state.screen === "replies") return;
        const replies = useRepliesStore.getState();
        if (replies.phase !== "ready" || !selectDirty(replies)) return;
        replies.askLeave(state.screen);
        useNavStore.setState({ screen: "replies" });
      }),
    [],
  );
}
