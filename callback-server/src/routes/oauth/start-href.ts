import type { OAuthScope } from "@wxdesk/wechat";
import { isInteractionReturn } from "../../oidc/oidc-paths.js";
import { DEFAULT_NEXT } from "./next-target.js";

/** A link that starts a fresh authorization (fresh state, fresh code) for the same scope and next. */
export function startHref(scope: OAuthScope, next: string = DEFAULT_NEXT): string {
  const params = new URLSearchParams({ scope });
  if (next !== DEFAULT_NEXT) params.set("next", next);
  return `/oauth/start?${params.toString()}`;
}

/**
 * Where snapshot-page guests go: an explanation, then back into the flow for `next`. An app's
 * sign-in step (OpenID Connect) tells the app itself, so the guest goes straight back to it.
 */
export function snapshotHref(next: string = DEFAULT_NEXT): string {
  if (isInteractionReturn(next)) return next;
  return next === DEFAULT_NEXT
    ? "/oauth/snapshot"
    : `/oauth/snapshot?${new URLSearchParams({ next }).toString()}`;
}
