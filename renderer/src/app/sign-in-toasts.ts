import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import { useEffect } from "react";
import { both } from "../i18n/define-messages.js";
import { shortOpenid } from "../i18n/format.js";
import { showToast } from "../ui/toast-store.js";
import { appMessages } from "./app-messages.js";
import { useAppStore } from "./app-store.js";
import { desk } from "./desk.js";
import { useNavStore } from "./nav-store.js";

const text = (data: Record<string, unknown>, key: string): string | undefined => {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/**
 * A toast for one live event when someone signs in (an `authorization`): 「李娜 刚刚授权」 with 「查看」,
 * which opens them in 用户. Only sign-ins: refreshes and checks are what the admin just did themselves.
 */
export function signInToast(event: ActivityEvent): Parameters<typeof showToast>[0] | undefined {
  if (event.type !== "authorization") return undefined;
  const openid = text(event.data, "openid");
  const nickname = text(event.data, "nickname");
  if (!openid) return undefined;
  return {
    kind: "info",
    text: both(appMessages, (m) => (nickname ? m.signedIn(nickname) : m.signedInNoName(shortOpenid(openid)))),
    action: {
      label: both(appMessages, (m) => m.signedInOpen),
      run: () => useNavStore.getState().openUser(openid),
    },
  };
}

/**
 * Tells the main window, whatever screen it shows, when someone signs in — e.g. a test user who just
 * tapped 允许 in the sandbox's phone window. Follows the active account (a switch subscribes anew).
 */
export function useSignInToasts(): void {
  const epoch = useAppStore((s) => s.profileEpoch);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the profile epoch is the trigger, not an input
  useEffect(() => {
    // A reconnecting stream may deliver an event twice; one toast per sign-in.
    const shown = new Set<number>();
    return desk().activity.subscribe((event) => {
      if (shown.has(event.id)) return;
      const toast = signInToast(event);
      if (!toast) return;
      shown.add(event.id);
      showToast(toast);
    });
  }, [epoch]);
}
