import { join } from "node:path";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";

/** Test-only: where pages live for JS-SDK and OAuth — the sandbox authorizes 127.0.0.1 on any port (§11). */
export const SANDBOX_PUBLIC_URL = "http://127.0.0.1:8080";

/**
 * Settings for a built server on loopback (it picks its port) that talks to the sandbox at
 * `sandboxUrl`, its SQLite file in `dataDir`; `extra` adds keys and anything else.
 */
export function sandboxServerEnv(
  sandboxUrl: string,
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    WXDESK_APPID: SANDBOX_DEFAULTS.appid,
    WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
    WXDESK_PUBLIC_URL: SANDBOX_PUBLIC_URL,
    WXDESK_PORT: "0",
    WXDESK_HOST: "127.0.0.1",
    WXDESK_WECHAT_API_BASE: sandboxUrl,
    WXDESK_WECHAT_OPEN_BASE: sandboxUrl,
    WXDESK_DB: join(dataDir, "wxdesk.db"),
    ...extra,
  };
}
