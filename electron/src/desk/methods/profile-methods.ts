import { randomBytes } from "node:crypto";
import type {
  ConnectionTest,
  DeskApi,
  ProfileInput,
  ProfilePatch,
  ProfileView,
  TokenCacheCleared,
} from "../../desk-api.js";
import { toWireError } from "../../shared/desk-error-wire.js";
import { infoShape, tokenCacheClearedShape } from "../admin/admin-shapes.js";
import { DeskApiError } from "../desk-api-error.js";
import { clientFor, type DeskContext, localRole, storedProfile, unknownProfile } from "../desk-context.js";
import { LOCAL_PROFILE_ID, type StoredProfile } from "../settings/settings-schema.js";

function localProfileFixed(): DeskApiError {
  return new DeskApiError(
    "local_profile",
    "The local sandbox profile is built in: only its role (admin or support staff) can be switched; it cannot be changed otherwise or removed.",
    "本地沙箱配置是内置的：只能切换身份（管理员或客服），不能做其他修改，也不能删除。",
  );
}

/**
 * The local profile's only changeable part is its role: both keys are the desk's own, so trying the
 * app as support staff (and back) needs no key in the renderer.
 */
async function setLocalRole(ctx: DeskContext, patch: ProfilePatch): Promise<ProfileView> {
  const { role, ...rest } = patch;
  if (role === undefined || Object.values(rest).some((v) => v !== undefined)) throw localProfileFixed();
  if (localRole(ctx) !== role) {
    await ctx.settings.update((s) => {
      if (role === "admin") delete s.localRole;
      else s.localRole = role;
    });
    if (ctx.settings.get().activeId === LOCAL_PROFILE_ID) ctx.activity.retarget();
  }
  return localView(ctx);
}

function localView(ctx: DeskContext): ProfileView {
  const en = ctx.settings.get().lang === "en";
  const status = ctx.local.status();
  return {
    id: LOCAL_PROFILE_ID,
    name: en ? "Local sandbox" : "本地沙箱",
    serverUrl: status.serverUrl ?? "",
    role: localRole(ctx),
    keySet: status.running,
    keyStorage: "none",
    local: true,
  };
}

function view(profile: StoredProfile, keySet: boolean): ProfileView {
  return {
    id: profile.id,
    name: profile.name,
    serverUrl: profile.serverUrl,
    role: profile.role,
    keySet,
    keyStorage: keySet ? profile.keyStorage : "none",
    local: false,
  };
}

export function profileMethods(ctx: DeskContext): DeskApi["profiles"] {
  const hasKey = async (p: StoredProfile) => (await ctx.keys.read(p)) !== undefined;
  const retargetIfActive = (id: string) => {
    if (ctx.settings.get().activeId === id) ctx.activity.retarget();
  };

  return {
    async list() {
      const settings = ctx.settings.get();
      const stored = await Promise.all(settings.profiles.map(async (p) => view(p, await hasKey(p))));
      return { profiles: [localView(ctx), ...stored], activeId: settings.activeId };
    },

    async add(input: ProfileInput): Promise<ProfileView> {
      const id = `p-${randomBytes(6).toString("hex")}`;
      const keyStorage = await ctx.keys.save(id, input.key, ctx.settings.get().allowPlaintextKeys);
      const profile: StoredProfile = {
        id,
        name: input.name,
        serverUrl: input.serverUrl,
        role: input.role,
        keyStorage,
      };
      try {
        await ctx.settings.update((s) => {
          s.profiles.push(profile);
        });
      } catch (error) {
        await ctx.keys.remove(id).catch(() => {});
        throw error;
      }
      return view(profile, true);
    },

    async edit(id: string, patch: ProfilePatch): Promise<ProfileView> {
      if (id === LOCAL_PROFILE_ID) return setLocalRole(ctx, patch);
      storedProfile(ctx, id);
      const keyStorage =
        patch.key === undefined
          ? undefined
          : await ctx.keys.save(id, patch.key, ctx.settings.get().allowPlaintextKeys);
      const next = await ctx.settings.update((s) => {
        const p = s.profiles.find((candidate) => candidate.id === id);
        if (!p) throw unknownProfile();
        if (patch.name !== undefined) p.name = patch.name;
        if (patch.serverUrl !== undefined) p.serverUrl = patch.serverUrl;
        if (patch.role !== undefined) p.role = patch.role;
        if (keyStorage !== undefined) p.keyStorage = keyStorage;
      });
      retargetIfActive(id);
      const profile = next.profiles.find((p) => p.id === id);
      if (!profile) throw unknownProfile();
      return view(profile, await hasKey(profile));
    },

    async remove(id: string): Promise<void> {
      if (id === LOCAL_PROFILE_ID) throw localProfileFixed();
      storedProfile(ctx, id);
      const wasActive = ctx.settings.get().activeId === id;
      await ctx.settings.update((s) => {
        s.profiles = s.profiles.filter((p) => p.id !== id);
        if (s.activeId === id) s.activeId = LOCAL_PROFILE_ID;
      });
      await ctx.keys.remove(id);
      await ctx.drafts.remove(id);
      if (wasActive) ctx.activity.retarget();
    },

    async setActive(id: string): Promise<void> {
      if (id !== LOCAL_PROFILE_ID) storedProfile(ctx, id);
      if (ctx.settings.get().activeId === id) return;
      await ctx.settings.update((s) => {
        s.activeId = id;
      });
      ctx.activity.retarget();
    },

    async testConnection(id: string): Promise<ConnectionTest> {
      if (id !== LOCAL_PROFILE_ID) storedProfile(ctx, id);
      const started = performance.now();
      try {
        const client = await clientFor(ctx, id);
        const info = await client.request({ path: "info", timeoutMs: 10_000 }, infoShape);
        return {
          ok: true,
          latencyMs: Math.round(performance.now() - started),
          role: info.role,
          appid: info.appid,
          users: info.users,
          ...(info.storage ? { storage: info.storage } : {}),
        };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    },

    async clearTokenCache(id: string): Promise<TokenCacheCleared> {
      if (id !== LOCAL_PROFILE_ID) storedProfile(ctx, id);
      const client = await clientFor(ctx, id);
      const answer = await client.request(
        { method: "POST", path: "wechat/token-cache/clear" },
        tokenCacheClearedShape,
      );
      return { appid: answer.appid, dropped: answer.dropped };
    },
  };
}
