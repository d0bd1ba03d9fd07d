import type {
  DeskApi,
  LinkCheck,
  ProfileView,
  UserActionResult,
  UserDetail,
  UserRow,
  UserSearchRequest,
} from "@wxdesk/electron/desk-api";
import { deskError, type MemoryDeskState } from "./memory-desk-state.js";

type Rest = Omit<DeskApi, "menu" | "serviceKeys" | "apps">;

const MEMORY_BAD_SIGNATURE: LinkCheck = {
  code: "link_signature",
  level: "error",
  messageZh: "链接的签名对不上（内存测试服务器）",
  message: "The link's signature does not match (memory test server)",
};
const MEMORY_OTHER_SERVER: LinkCheck = {
  code: "other_server",
  level: "warning",
  messageZh: "这条链接属于另一台回调服务器（内存测试服务器）",
  message: "This link belongs to another callback server (memory test server)",
};

function toRow({
  firstAuthorizedAt: _first,
  privilege: _privilege,
  tokens: _tokens,
  ...row
}: UserDetail): UserRow {
  return row;
}

/** Like `GET users`: nickname substring (any case) or openid/unionid prefix, then the filters. */
function matches(u: UserDetail, { q, scope, tokenState }: UserSearchRequest): boolean {
  if (scope && u.scope !== scope) return false;
  if (tokenState && u.tokenState !== tokenState) return false;
  if (!q) return true;
  const needle = q.toLowerCase();
  return (
    u.openid.startsWith(q) ||
    (u.unionid ?? "").startsWith(q) ||
    (u.nickname ?? "").toLowerCase().includes(needle)
  );
}

/** Everything but the menu: settings, profiles, links, users, replies, activity, the sandbox. */
export function memoryRestApi(state: MemoryDeskState): Rest {
  const user = (openid: string) => {
    const found = state.users.find((u) => u.openid === openid);
    if (!found) throw deskError("unknown_user", "No such user", "没有这个用户");
    return found;
  };
  const active = () => state.profiles.find((p) => p.id === state.activeId);
  // Where a new key goes: like electron/src/desk/keys — the keychain, or the file only once allowed.
  const keyStorage = (): ProfileView["keyStorage"] => {
    if (state.keychain.available) return "keychain";
    if (state.settings.allowPlaintextKeys) return "plaintext";
    throw deskError(
      "keychain_unavailable",
      "The key could not be saved: no keychain",
      "密钥未保存：系统钥匙串不可用",
    );
  };
  const action = (kind: "check" | "refresh" | "repull", openid: string): UserActionResult => {
    const found = user(openid);
    return state.userAction?.(kind, found) ?? { ok: true, tokens: found.tokens };
  };
  return {
    app: {
      info: async () => ({
        version: "0.0.0-memory",
        transport: "web",
        platform: "memory",
        keychain: state.keychain,
        settings: state.settings,
      }),
      async saveSettings(patch) {
        state.settings = { ...state.settings, ...patch };
        return state.settings;
      },
    },
    profiles: {
      list: async () => ({ profiles: state.profiles, activeId: state.activeId }),
      async add({ key, ...input }) {
        const view: ProfileView = {
          ...input,
          id: `p${state.profiles.length + 1}`,
          keySet: key !== "",
          keyStorage: keyStorage(),
          local: false,
        };
        state.keys.set(view.id, key);
        state.profiles.push(view);
        return view;
      },
      async edit(id, { key, ...patch }) {
        const index = state.profiles.findIndex((p) => p.id === id);
        const current = state.profiles[index];
        if (!current) throw deskError("not_found", "No such profile", "没有这个配置");
        // As the desk: the built-in profile changes its role only (the desk holds both local keys).
        if (current.local && (key !== undefined || Object.keys(patch).some((k) => k !== "role"))) {
          throw deskError(
            "local_profile",
            "Only the local profile's role can change",
            "本地沙箱只能切换身份",
          );
        }
        const storage = key !== undefined && !state.keychain.available ? { keyStorage: keyStorage() } : {};
        if (key !== undefined) state.keys.set(id, key);
        const next = {
          ...current,
          ...patch,
          ...storage,
          keySet: key !== undefined ? key !== "" : current.keySet,
        };
        state.profiles[index] = next;
        return next;
      },
      async remove(id) {
        if (state.profiles.find((p) => p.id === id)?.local) {
          throw deskError(
            "profile_local",
            "The local sandbox profile cannot be removed",
            "本地沙箱配置不能删除",
          );
        }
        state.profiles = state.profiles.filter((p) => p.id !== id);
        if (state.activeId === id) state.activeId = state.profiles[0]?.id ?? "";
      },
      async setActive(id) {
        if (!state.profiles.some((p) => p.id === id))
          throw deskError("not_found", "No such profile", "没有这个配置");
        state.activeId = id;
      },
      async testConnection(id) {
        const profile = state.profiles.find((p) => p.id === id);
        if (!state.connectionOk || !profile) {
          return { ok: false, error: deskError("network", "The server did not answer", "服务器没有响应") };
        }
        return {
          ok: true,
          latencyMs: 12,
          role: profile.role,
          appid: "wx00000000000000a1",
          users: state.users.length,
          storage: state.storage,
        };
      },
      async clearTokenCache(id) {
        const profile = state.profiles.find((p) => p.id === id);
        if (!profile) throw deskError("unknown_profile", "There is no such profile.", "没有这个连接配置。");
        if (profile.role === "support") throw deskError("forbidden", "Not allowed", "没有权限");
        const cached = state.tokenCached;
        state.tokenCached = false;
        return {
          appid: "wx00000000000000a1",
          dropped: cached ? ["access_token", "jsapi_ticket"] : [],
        };
      },
    },
    links: {
      async build({ scope, next }) {
        const server = active()?.serverUrl ?? "http://127.0.0.1:7200";
        const checks: LinkCheck[] = [];
        if (scope === "snsapi_userinfo") {
          checks.push({
            code: "userinfo_on_landing",
            level: "warning",
            messageZh: "从菜单直接打开「需用户确认」的链接，部分用户会先看到一个快照页，拿不到昵称头像",
            message:
              "Opened straight from a menu, a confirm-first link may show some users a snapshot page without nickname and avatar",
          });
        }
        if (/^https?:\/\//.test(next) && !next.startsWith(server)) {
          checks.push({
            code: "next_off_origin",
            level: "warning",
            messageZh: "目标页面不在回调服务器的网站上",
            message: "The target page is on another site than the callback server",
          });
        }
        const query = `scope=${scope}&next=${encodeURIComponent(next)}`;
        return {
          startUrl: `${server}/oauth/start?link=${btoa(query)}.memorysig`,
          directUrl: `https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx00000000000000a1&redirect_uri=${encodeURIComponent(`${server}/oauth/callback`)}&response_type=code&scope=${scope}&state=wxdesk#wechat_redirect`,
          checks,
        };
      },
      // Like POST links/check for the links build() makes: a start link's `<base64 query>.memorysig`.
      async check({ url }) {
        const server = active()?.serverUrl ?? "http://127.0.0.1:7200";
        const parsed = new URL(url);
        if (parsed.pathname.endsWith("/oauth/start")) {
          if (parsed.origin !== server) return { kind: "start", own: false, checks: [MEMORY_OTHER_SERVER] };
          const link = parsed.searchParams.get("link");
          let query = parsed.searchParams;
          if (link !== null) {
            try {
              if (!link.endsWith(".memorysig")) throw new Error("unsigned");
              query = new URLSearchParams(atob(link.slice(0, -".memorysig".length)));
            } catch {
              return { kind: "start", own: true, checks: [MEMORY_BAD_SIGNATURE] };
            }
          }
          const scope = query.get("scope") === "snsapi_userinfo" ? "snsapi_userinfo" : "snsapi_base";
          return { kind: "start", own: true, scope, next: query.get("next") ?? "/", checks: [] };
        }
        const redirect = parsed.searchParams.get("redirect_uri") ?? "";
        if (redirect.startsWith(`${server}/oauth/callback`)) return { kind: "direct", own: true, checks: [] };
        return { kind: "other", own: false, checks: [] };
      },
      qr: async ({ text }) => ({
        dataUrl: `data:image/svg+xml;utf8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><title>${text.length}</title></svg>`)}`,
      }),
    },
    users: {
      async search(request) {
        const { cursor, limit = 50 } = request;
        if (state.userScanLimit) {
          // The cursor is a position in the whole list; each request walks at most userScanLimit users.
          const from = cursor ? Number(cursor) : 0;
          const rows: UserRow[] = [];
          let at = from;
          for (; at < state.users.length && at < from + state.userScanLimit && rows.length < limit; at++) {
            const u = state.users[at];
            if (u && matches(u, request)) rows.push(toRow(u));
          }
          const total = state.users.length;
          return at < state.users.length
            ? { users: rows, nextCursor: String(at), total }
            : { users: rows, total };
        }
        // The cursor is just the position in the matching list (the real one is opaque).
        const start = cursor ? Number(cursor) : 0;
        const found = state.users.filter((u) => matches(u, request));
        const rows = found.slice(start, start + limit).map(toRow);
        const total = state.users.length;
        return start + limit < found.length
          ? { users: rows, nextCursor: String(start + limit), total }
          : { users: rows, total };
      },
      get: async (openid) => user(openid),
      check: async (openid) => action("check", openid),
      refresh: async (openid) => action("refresh", openid),
      repull: async (openid) => action("repull", openid),
      async exportCsv({ q }) {
        const found = state.users.filter((u) => matches(u, { q }));
        return {
          filename: "users.csv",
          csv: ["openid,nickname", ...found.map((u) => `${u.openid},${u.nickname ?? ""}`)].join("\n"),
          rows: found.length,
        };
      },
    },
    replies: {
      get: async () => state.replies,
      async save(replies) {
        state.replies = replies;
        return replies;
      },
    },
    activity: {
      recent: async (limit = 100) => state.events.slice(-limit),
      status: async () => state.activityStatus,
      subscribe: () => () => undefined,
    },
    sandbox: {
      status: async () => state.sandbox,
      async start() {
        state.sandbox = state.sandboxWhenRunning;
        return state.sandbox;
      },
      async stop() {
        if (state.sandbox.running) state.sandboxWhenRunning = state.sandbox;
        state.sandbox = { running: false };
        return state.sandbox;
      },
      users: async () =>
        state.sandboxUsers ??
        state.users.map((u) => ({
          openid: u.openid,
          nickname: u.nickname ?? "",
          headimgurl: u.headimgurl ?? "",
          snapshot: false,
        })),
      consentUrl: async ({ link, openid }) => ({
        url: `${state.sandbox.sandboxUrl ?? ""}/consent?openid=${openid}&link=${encodeURIComponent(link)}`,
      }),
      async tapMenu({ key }) {
        return { ok: true, reply: state.replies.click[key] ?? null };
      },
    },
  };
}
