import { type ComponentType, lazy } from "react";
import { MenuScreen } from "../features/menu/menu-screen.js";
import type { IconName } from "../ui/icon.js";
import type { ScreenId } from "./nav-store.js";

export interface ScreenEntry {
  id: ScreenId;
  icon: IconName;
  Component: ComponentType;
  /** Drawn indented under the entry before it (个性化菜单 under 菜单). */
  nested?: boolean;
  /** Pinned to the bottom of the navigation. */
  bottom?: boolean;
}

/** Loads a screen's module only when it is first opened: the menu editor stays the only start-up cost. */
export function lazyScreen<M>(
  load: () => Promise<M>,
  pickExport: (module: M) => ComponentType,
): ComponentType {
  return lazy(async () => ({ default: pickExport(await load()) }));
}

/**
 * Every screen of the left navigation, in order (labels: nav-labels.ts). The menu editor is bundled with
 * the shell (it is the first screen and must be usable within a second); the others load on first visit
 * through `lazyScreen(() => import("../features/<name>/<name>-screen.js"), (m) => m.XScreen)`.
 */
export const SCREENS: readonly ScreenEntry[] = [
  { id: "menu", icon: "menu", Component: MenuScreen },
  {
    id: "conditional",
    icon: "split",
    Component: lazyScreen(
      () => import("../features/conditional/conditional-screen.js"),
      (m) => m.ConditionalScreen,
    ),
    nested: true,
  },
  {
    id: "links",
    icon: "link",
    Component: lazyScreen(
      () => import("../features/links/links-screen.js"),
      (m) => m.LinksScreen,
    ),
  },
  {
    id: "users",
    icon: "users",
    Component: lazyScreen(
      () => import("../features/users/users-screen.js"),
      (m) => m.UsersScreen,
    ),
  },
  {
    id: "activity",
    icon: "activity",
    Component: lazyScreen(
      () => import("../features/activity/activity-screen.js"),
      (m) => m.ActivityScreen,
    ),
  },
  {
    id: "replies",
    icon: "reply",
    Component: lazyScreen(
      () => import("../features/replies/replies-screen.js"),
      (m) => m.RepliesScreen,
    ),
  },
  {
    id: "apps",
    icon: "apps",
    Component: lazyScreen(
      () => import("../features/apps/apps-screen.js"),
      (m) => m.AppsScreen,
    ),
  },
  {
    id: "settings",
    icon: "settings",
    Component: lazyScreen(
      () => import("../features/settings/settings-screen.js"),
      (m) => m.SettingsScreen,
    ),
    bottom: true,
  },
];
