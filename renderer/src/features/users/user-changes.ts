import type { TokenState, TokenTimeline, UserDetail } from "@wxdesk/electron/desk-api";

/** One thing an action changed, said in words by the detail panel. */
export type UserChange =
  | { field: "state"; before: TokenState; after: TokenState }
  | { field: "accessExpiresAt"; after: number }
  | { field: "nickname"; before?: string; after?: string }
  | { field: "headimgurl" }
  | { field: "unionid"; after?: string }
  | { field: "privilege"; after: string[] };

export function tokenChanges(before: TokenTimeline, after: TokenTimeline): UserChange[] {
  const changes: UserChange[] = [];
  if (before.state !== after.state)
    changes.push({ field: "state", before: before.state, after: after.state });
  if (before.accessExpiresAt !== after.accessExpiresAt) {
    changes.push({ field: "accessExpiresAt", after: after.accessExpiresAt });
  }
  return changes;
}

/** What a re-pull of the profile changed (sns/userinfo: nickname, avatar, unionid, privileges). */
export function profileChanges(before: UserDetail, after: UserDetail): UserChange[] {
  const changes: UserChange[] = [];
  if (before.nickname !== after.nickname) {
    changes.push({ field: "nickname", before: before.nickname, after: after.nickname });
  }
  if (before.headimgurl !== after.headimgurl) changes.push({ field: "headimgurl" });
  if (before.unionid !== after.unionid) changes.push({ field: "unionid", after: after.unionid });
  if (before.privilege.join(",") !== after.privilege.join(",")) {
    changes.push({ field: "privilege", after: after.privilege });
  }
  return changes;
}
