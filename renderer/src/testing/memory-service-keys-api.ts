import type { DeskApi, ServiceKeyView } from "@wxdesk/electron/desk-api";
import { deskError, type MemoryDeskState } from "./memory-desk-state.js";

/** `serviceKeys` like the server (docs/admin-api.md "Service keys"): admin only, names unique, settings keys stay. */
export function memoryServiceKeysApi(state: MemoryDeskState): DeskApi["serviceKeys"] {
  const adminOnly = () => {
    if (state.role() !== "admin")
      throw deskError("forbidden", "This action needs the admin key", "此操作需要管理员密钥");
  };
  let made = 0;
  return {
    async list() {
      adminOnly();
      return state.serviceKeys;
    },
    async create(name) {
      adminOnly();
      const trimmed = name.trim();
      if (state.serviceKeys.some((k) => k.name.toLowerCase() === trimmed.toLowerCase())) {
        throw deskError(
          "service_key_name_taken",
          "A service key with this name exists already",
          "已有同名的服务密钥，请换一个名字",
        );
      }
      made += 1;
      const view: ServiceKeyView = {
        id: `sk-memory-${made}`,
        name: trimmed,
        source: "admin",
        createdAt: state.now(),
      };
      state.serviceKeys = [...state.serviceKeys, view];
      // Like the server, the key exists only in this answer: the state keeps the view.
      return { ...view, key: `wxsk_memory${String(made).padStart(38, "0")}` };
    },
    async revoke(id) {
      adminOnly();
      const found = state.serviceKeys.find((k) => k.id === id);
      if (!found) throw deskError("unknown_service_key", "No such service key", "没有这个服务密钥");
      if (found.source === "settings") {
        throw deskError(
          "service_key_in_settings",
          "This key comes from the server setting WXDESK_SERVICE_KEYS",
          "这个密钥来自服务器设置 WXDESK_SERVICE_KEYS",
        );
      }
      state.serviceKeys = state.serviceKeys.filter((k) => k.id !== id);
    },
  };
}
