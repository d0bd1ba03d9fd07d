import type { ConnectedApp, DeskApi, IssuedAppSecret } from "@wxdesk/electron/desk-api";
import { deskError, type MemoryDeskState } from "./memory-desk-state.js";

/** Where the memory server says its discovery document is. */
export const MEMORY_DISCOVERY_URL = "https://wx.example.com/.well-known/openid-configuration";

/** `apps` like the server (docs/admin-api.md "Apps"): support lists, admin changes, settings apps stay. */
export function memoryAppsApi(state: MemoryDeskState): DeskApi["apps"] {
  const adminOnly = () => {
    if (state.role() !== "admin")
      throw deskError("forbidden", "This action needs the admin key", "此操作需要管理员密钥");
  };
  let made = 0;
  const secret = () => `memory-secret-${String(made).padStart(3, "0")}-${"x".repeat(30)}`;
  const changeable = (clientId: string): ConnectedApp => {
    const found = state.apps.find((a) => a.clientId === clientId);
    if (!found) throw deskError("unknown_app", "This app no longer exists", "这个应用已不存在");
    if (found.source === "settings") {
      throw deskError(
        "app_read_only",
        "This app is set in the server's settings (WXDESK_OIDC_CLIENTS)",
        "这个应用写在服务器设置 WXDESK_OIDC_CLIENTS 里",
      );
    }
    return found;
  };
  return {
    async list() {
      return { apps: state.apps, discoveryUrl: MEMORY_DISCOVERY_URL };
    },
    async create({ name, redirectUri }): Promise<IssuedAppSecret> {
      adminOnly();
      if (!/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(redirectUri)) {
        throw deskError(
          "redirect_uri_invalid",
          "The address to come back to must use https://",
          "登录后回到的地址应以 https:// 开头",
          { field: "redirectUri" },
        );
      }
      made += 1;
      const app: ConnectedApp = {
        clientId: `app_memory${String(made).padStart(6, "0")}`,
        name: name.trim(),
        redirectUris: [redirectUri],
        source: "admin",
        public: false,
        createdAt: state.now(),
      };
      state.apps = [...state.apps, app];
      // Like the server, the secret exists only in this answer.
      return { app, clientSecret: secret(), discoveryUrl: MEMORY_DISCOVERY_URL };
    },
    async rotateSecret(clientId): Promise<IssuedAppSecret> {
      adminOnly();
      const app = { ...changeable(clientId), secretRotatedAt: state.now() };
      state.apps = state.apps.map((a) => (a.clientId === clientId ? app : a));
      made += 1;
      return { app, clientSecret: secret(), discoveryUrl: MEMORY_DISCOVERY_URL };
    },
    async remove(clientId) {
      adminOnly();
      changeable(clientId);
      state.apps = state.apps.filter((a) => a.clientId !== clientId);
    },
  };
}
