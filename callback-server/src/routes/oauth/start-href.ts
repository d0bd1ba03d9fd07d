import type { OAuthScope } from "@wxdesk/wechat";
import { DEFAULT_NEXT } from "./next-target.js";

/** A link that starts a fresh authorization (fresh state, fresh code) for the same scope and next. */
export function startHref(scope: OAuthScope, next: string = DEFAULT_NEXT): string {
  const params = new URLSearchParams({ scope });
  if (next !== DEFAULT_NEXT) params.set("next", next);
  return `/oauth/start?${params.toString()}`;
}

/** Where snapshot-page guests go: an explanation, then back into the flow for `next`. */
export function snapshotHref(next: string = DEFAULT_NEXT): string {
  return next === DEFAULT_NEXT
    ? "/oauth/snapshot"
    : `/oauth/snapshot?${new URLSearchParams({ next }).toString()}`;
}
