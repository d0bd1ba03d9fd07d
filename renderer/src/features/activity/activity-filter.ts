import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import type { EventLine } from "./event-words.js";

/** The type buttons: 全部 / 授权 / 刷新 / 检查 / 失败 / 菜单 / 消息. */
export type TypeFilter = "all" | "authorization" | "refresh" | "check" | "failure" | "menu" | "message";
export const TYPE_FILTERS: readonly TypeFilter[] = [
  "all",
  "authorization",
  "refresh",
  "check",
  "failure",
  "menu",
  "message",
];

export interface ActivityFilter {
  type: TypeFilter;
  text: string;
}

export const NO_FILTER: ActivityFilter = { type: "all", text: "" };

export interface DescribedEvent {
  event: ActivityEvent;
  line: EventLine;
}

/** 失败 is every failed event (a failed check too); the others are the event's own kind. */
export function matchesFilter({ event, line }: DescribedEvent, filter: ActivityFilter): boolean {
  if (filter.type === "failure" ? !line.failed : filter.type !== "all" && line.category !== filter.type)
    return false;
  const needle = filter.text.trim().toLowerCase();
  if (needle === "") return true;
  return [line.text, line.openid ?? "", event.type].some((text) => text.toLowerCase().includes(needle));
}

/**
 * What the list shows, newest first. While the user reads further down (`heldAt` = the newest id they
 * had), newer events wait behind the 「新动态」 pill instead of pushing the list under their eyes.
 */
export function shownEvents(
  entries: readonly DescribedEvent[],
  filter: ActivityFilter,
  heldAt: number | undefined,
): { shown: DescribedEvent[]; waiting: number } {
  const shown: DescribedEvent[] = [];
  let waiting = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (!entry || !matchesFilter(entry, filter)) continue;
    if (heldAt !== undefined && entry.event.id > heldAt) waiting++;
    else shown.push(entry);
  }
  return { shown, waiting };
}
