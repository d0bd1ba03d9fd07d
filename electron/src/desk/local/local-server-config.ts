import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadConfig, type ServerConfig, tokenKeyFingerprint } from "@wxdesk/callback-server";
import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";

export interface LocalKeys {
  adminKey: string;
  supportKey: string;
}

/** Fresh admin + support keys for one run of the local server: held in memory only, never stored. */
export function newLocalKeys(): LocalKeys {
  return {
    adminKey: randomBytes(32).toString("base64url"),
    supportKey: randomBytes(32).toString("base64url"),
  };
}

/**
 * The local callback server's configuration, through the server's own `loadConfig` (same rules
 * as a deployed server). SQLite in `<dataDir>/local/wxdesk.db`; its session secret and token key
 * are generated there once (0600) and reused, so menu links and stored users survive a restart.
 * The sandbox app's defaults (§11 of the protocol sheet) give the AppID, secret, message Token and
 * EncodingAESKey. No REDIS_URL: the local profile is one instance.
 *
 * Its token key is accepted even when it cannot open what the folder holds (a deployed server refuses
 * to start then): the local users are sandbox users, nobody could act on a server setting here, and
 * the sandbox forgets their tokens at every start anyway. The server records a `token_key_replaced`
 * event, so 动态 says it happened.
 */
export function localServerConfig(input: {
  dataDir: string;
  sandboxUrl: string;
  port: number;
  keys: LocalKeys;
}): ServerConfig {
  const config = loadConfig({
    argv: [],
    cwd: input.dataDir,
    env: {
      WXDESK_PORT: String(input.port),
      WXDESK_HOST: "127.0.0.1",
      WXDESK_APPID: SANDBOX_DEFAULTS.appid,
      WXDESK_SECRET: SANDBOX_DEFAULTS.secret,
      WXDESK_PUBLIC_URL: `http://127.0.0.1:${input.port}`,
      WXDESK_WECHAT_API_BASE: input.sandboxUrl,
      WXDESK_WECHAT_OPEN_BASE: input.sandboxUrl,
      WXDESK_DB: join(input.dataDir, "local", "wxdesk.db"),
      WXDESK_ADMIN_KEY: input.keys.adminKey,
      WXDESK_SUPPORT_KEY: input.keys.supportKey,
      WXDESK_MSG_TOKEN: SANDBOX_DEFAULTS.token,
      WXDESK_MSG_AES_KEY: SANDBOX_DEFAULTS.encodingAesKey,
    },
  });
  return { ...config, acceptNewTokenKey: tokenKeyFingerprint(config.tokenKey) };
}
