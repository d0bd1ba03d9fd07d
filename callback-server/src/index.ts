export { type BuildAppOptions, buildApp } from "./app.js";
export type * from "./app-context.js";
export { type LoadConfigInput, loadConfig } from "./config/load-config.js";
export { redirectUriProblem } from "./config/oidc-clients.js";
export {
  ConfigError,
  type ConfigProblem,
  describeConfig,
  type MpVerifyFile,
  type ServerConfig,
  type TokenSource,
} from "./config/server-config.js";
export { type AppContextOverrides, createAppContext } from "./context/create-app-context.js";
export { GlobalTokenRefusedError } from "./context/global-token-errors.js";
export { SERVER_EVENT_TYPES } from "./context/server-event-types.js";
export { offsetClock, systemClock } from "./context/system-clock.js";
export { TokenKeyMismatchError } from "./context/token-key-check.js";
export { UserTokenError, type UserTokenErrorCode } from "./context/user-token-errors.js";
export type { SealedToken } from "./crypto/sealed-token.js";
export { createTokenCipher, type TokenCipher } from "./crypto/token-cipher.js";
export { TokenCipherError, type TokenCipherErrorCode } from "./crypto/token-cipher-error.js";
export { tokenKeyFingerprint } from "./crypto/token-key-fingerprint.js";
export { freePort } from "./net/free-port.js";
export { isLoopbackHost } from "./net/loopback-host.js";
export { type AuthKeys, type Role, requireRole } from "./plugins/admin-auth.js";
export { HttpError, sendError } from "./plugins/error-handler.js";
export { type OpenStoreOptions, openStore } from "./store/open-store.js";
export { RedisStore, type RedisStoreOptions } from "./store/redis-store.js";
export { SqliteStore, type SqliteStoreOptions } from "./store/sqlite-store.js";
export {
  LockTimeoutError,
  StoreInputError,
  type StoreInputErrorCode,
  StoreUnavailableError,
} from "./store/store-errors.js";
export type * from "./store/store-types.js";
