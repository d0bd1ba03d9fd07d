import { ConfigError, type ServerConfig } from "../config/server-config.js";
import type { SealedToken } from "../crypto/sealed-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { tokenKeyFingerprint } from "../crypto/token-key-fingerprint.js";
import type { Store } from "../store/store-types.js";
import { tokensReadable } from "./user-token-service.js";

/** The store's meta value sealed with the token key when the store first met it. */
export const TOKEN_KEY_CANARY = "token-key-canary";
const CANARY_TEXT = "wxdesk token-key canary v1";

/** `created`: first start on this store; `opened`: the key is the one the store knows; `replaced`: accepted. */
export type TokenKeyCheckOutcome = "created" | "opened" | "replaced";

/**
 * The token key cannot open what the store holds (issue 9.3). A setting problem — the server refuses
 * to start (exit 1) with these words, the way `loadConfig` reports a bad setting.
 */
export class TokenKeyMismatchError extends ConfigError {
  readonly fingerprint: string;

  constructor(fingerprint: string, acceptGiven: boolean) {
    const acceptZh = acceptGiven
      ? `（WXDESK_ACCEPT_NEW_TOKEN_KEY 设的不是当前密钥的指纹；当前密钥的指纹是 ${fingerprint}）`
      : "";
    const acceptEn = acceptGiven
      ? ` (WXDESK_ACCEPT_NEW_TOKEN_KEY names another key; the current key's fingerprint is ${fingerprint})`
      : "";
    super([
      {
        field: "WXDESK_TOKEN_KEY",
        messageZh:
          "现在的 token-key 解不开已保存的用户令牌：它和保存令牌时用的不是同一个（数据目录里的 token-key 文件丢失后被重新生成，或被改过；" +
          "多台服务器共用 Redis 时，每台的 WXDESK_TOKEN_KEY 必须完全相同）。服务器没有启动，已保存的数据没有改动。" +
          "办法一（推荐）：恢复原来的 token-key 文件，或把原来的值填入 WXDESK_TOKEN_KEY，再启动。" +
          `办法二：放弃已保存的令牌（用户下次访问时重新授权一次即可），设置 WXDESK_ACCEPT_NEW_TOKEN_KEY=${fingerprint} 后再启动。${acceptZh}`,
        messageEn:
          "The current token-key cannot open the stored user tokens: it is not the key they were saved with (the token-key file in the data folder " +
          "was lost and generated again, or it was changed; with several servers on one Redis, WXDESK_TOKEN_KEY must be identical on each). " +
          "The server did not start and changed nothing. Either (recommended) restore the original token-key file, or put the original value " +
          "into WXDESK_TOKEN_KEY, and start again; or give up the stored tokens (users simply authorize once more on their next visit): " +
          `set WXDESK_ACCEPT_NEW_TOKEN_KEY=${fingerprint} and start again.${acceptEn}`,
      },
    ]);
    this.fingerprint = fingerprint;
  }
}

function opens(cipher: TokenCipher, sealed: string): boolean {
  try {
    return cipher.decrypt(sealed as SealedToken) === CANARY_TEXT;
  } catch {
    return false;
  }
}

/**
 * A store without a canary (new, or written before the canary existed) may still hold tokens: the
 * newest user's must open, else this key is not theirs either.
 */
async function newestTokensOpen(store: Store, cipher: TokenCipher): Promise<boolean> {
  const [newest] = (await store.searchUsers({ limit: 1 })).users;
  return newest === undefined || tokensReadable(newest, cipher);
}

/**
 * At every start, before anything is served: does the token key open what this store holds? A sealed
 * canary is written once with the key and opened on every later start, so a lost or changed key is
 * said at once instead of showing every user "valid" while every token action fails. Concurrent
 * first starts agree through put-if-absent: the second one checks the first one's canary.
 */
export async function checkTokenKey(
  store: Store,
  cipher: TokenCipher,
  config: Pick<ServerConfig, "tokenKey" | "acceptNewTokenKey">,
): Promise<TokenKeyCheckOutcome> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const sealed = await store.getMeta(TOKEN_KEY_CANARY);
    if (sealed !== undefined) {
      if (opens(cipher, sealed)) return "opened";
      break;
    }
    if (!(await newestTokensOpen(store, cipher))) break;
    if (await store.putMeta(TOKEN_KEY_CANARY, cipher.encrypt(CANARY_TEXT))) return "created";
  }
  const fingerprint = tokenKeyFingerprint(config.tokenKey);
  if (config.acceptNewTokenKey !== fingerprint) {
    throw new TokenKeyMismatchError(fingerprint, config.acceptNewTokenKey !== undefined);
  }
  await store.putMeta(TOKEN_KEY_CANARY, cipher.encrypt(CANARY_TEXT), { replace: true });
  return "replaced";
}
