import type { appMessages } from "./app-messages.js";
import type { ScreenId } from "./nav-store.js";

/** Each screen's name in the navigation (a key of appMessages), used by the nav and the shell. */
export const NAV_LABELS = {
  menu: "navMenu",
  conditional: "navConditional",
  links: "navLinks",
  users: "navUsers",
  activity: "navActivity",
  replies: "navReplies",
  apps: "navApps",
  settings: "navSettings",
} as const satisfies Record<ScreenId, keyof typeof appMessages.en>;
