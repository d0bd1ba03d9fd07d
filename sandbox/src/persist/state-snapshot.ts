import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SandboxUserInput } from "../state/fixtures.js";
import { createRandomStreams } from "../state/random.js";
import type { SandboxState } from "../state/sandbox-state.js";

/**
 * Everything a sandbox hands out or is told, as plain JSON: what `stateFile` keeps across restarts.
 * Kept: the virtual clock's offset, users added through the control API, codes, user and global
 * tokens (with the daily quota counts), tickets, the default and conditional menus and the next menu
 * id. Not kept, by decision (sandbox/README.md "A sandbox that remembers"): apps (they come from the
 * options), stats and fault rules (a test's business, gone with the run that set them).
 */
const grant = {
  appid: z.string(),
  userId: z.string(),
  openid: z.string(),
  unionid: z.string().optional(),
  scope: z.enum(["snsapi_base", "snsapi_userinfo"]),
  snapshot: z.boolean(),
};
// JSON drops an undefined unionid (a user not bound to an Open Platform account); the stores keep the key.
const withUnionid = <T extends { unionid?: string | undefined }>(r: T) => ({ ...r, unionid: r.unionid });
const codeRecord = z.object({ ...grant, expiresAt: z.number(), used: z.boolean() }).transform(withUnionid);
const snsToken = z
  .object({ ...grant, token: z.string(), expiresAt: z.number(), refreshToken: z.string() })
  .transform(withUnionid);
const refreshRecord = z
  .object({ ...grant, expiresAt: z.number(), accessToken: z.string() })
  .transform(withUnionid);
const globalToken = z.object({
  token: z.string(),
  appid: z.string(),
  kind: z.enum(["token", "stable"]),
  expiresAt: z.number(),
  validUntil: z.number(),
  superseded: z.boolean(),
});
const button = z.array(z.unknown());
const menuId = z.number().int().nonnegative();

const snapshotSchema = z.object({
  version: z.literal(1),
  savedAt: z.number(),
  clockOffsetMs: z.number(),
  users: z.array(
    z.object({
      id: z.string(),
      openid: z.string().optional(),
      nickname: z.string(),
      nicknames: z.object({ zh_TW: z.string().optional(), en: z.string().optional() }),
      unionid: z.string().nullable(),
      tags: z.array(z.number().int()),
      platform: z.enum(["iOS", "Android", "other"]),
      language: z.string(),
      snapshot: z.boolean(),
    }),
  ),
  oauth: z.object({
    codes: z.array(z.tuple([z.string(), codeRecord])),
    tokens: z.array(snsToken),
    refreshes: z.array(z.tuple([z.string(), refreshRecord])),
  }),
  globalTokens: z.object({
    tokens: z.array(globalToken),
    apps: z.array(
      z.object({
        appid: z.string(),
        classicCurrent: globalToken.optional(),
        classicPrevious: globalToken.optional(),
        classicDay: z.number(),
        classicCount: z.number(),
        stableCurrent: globalToken.optional(),
        forceDay: z.number(),
        forceCount: z.number(),
        lastForceAt: z.number().optional(),
        tickets: z.array(z.object({ type: z.string(), ticket: z.string(), expiresAt: z.number() })),
      }),
    ),
  }),
  menus: z.object({
    nextId: menuId,
    apps: z.array(
      z.object({
        appid: z.string(),
        defaultMenu: z.object({ button, menuid: menuId }).optional(),
        conditional: z.array(
          z.object({ button, matchrule: z.record(z.string(), z.unknown()), menuid: menuId }),
        ),
      }),
    ),
  }),
});

export type SandboxSnapshot = z.output<typeof snapshotSchema>;

/** Parses a saved snapshot; throws (a ZodError or SyntaxError) when it is not one. */
export function parseSnapshot(text: string): SandboxSnapshot {
  return snapshotSchema.parse(JSON.parse(text));
}

export function takeSnapshot(state: SandboxState, savedAt: number): SandboxSnapshot {
  const defaultAppid = state.defaultApp.appid;
  return {
    version: 1,
    savedAt,
    clockOffsetMs: state.clock.offset,
    users: state.users.map((u) => ({
      id: u.id,
      ...(u.openids.has(defaultAppid) ? { openid: u.openids.get(defaultAppid) } : {}),
      nickname: u.nickname,
      nicknames: { zh_TW: u.nicknames.zh_TW, en: u.nicknames.en },
      unionid: u.unionid ?? null,
      tags: u.tags,
      platform: u.platform,
      language: u.language,
      snapshot: u.snapshot,
    })),
    oauth: state.oauth.snapshot(),
    globalTokens: state.globalTokens.snapshot(),
    menus: state.menus.snapshot(),
  };
}

/**
 * Puts a snapshot back into a freshly built state. Users the options already made (the fixture
 * users) are kept as configured; the others come back in their saved order.
 */
export function applySnapshot(state: SandboxState, snapshot: SandboxSnapshot): void {
  state.clock.restoreOffset(snapshot.clockOffsetMs);
  for (const saved of snapshot.users) {
    if (state.userById(saved.id)) continue;
    const input: SandboxUserInput = {
      id: saved.id,
      nickname: saved.nickname,
      nicknames: saved.nicknames,
      unionid: saved.unionid,
      tags: saved.tags,
      platform: saved.platform,
      language: saved.language,
      snapshot: saved.snapshot,
      ...(saved.openid === undefined ? {} : { openid: saved.openid }),
    };
    try {
      state.addUser(input);
    } catch {
      // Its openid now belongs to a configured user: the configuration wins.
    }
  }
  state.oauth.restore(snapshot.oauth);
  state.globalTokens.restore(snapshot.globalTokens);
  state.menus.restore(snapshot.menus);
  // A seeded stream would start its sequence again and could hand out a code or token the saved
  // state (or a server that kept its data) has already seen: a restored run gets streams of its own.
  state.random = createRandomStreams(`${state.seed}/restored-${randomUUID()}`);
}
