export type {
  AccessToken,
  SnsToken,
  SnsUserInfo,
  Ticket,
  UserInfoLang,
  WeChatClient,
  WeChatClientOptions,
} from "./client-types.js";
export { createWeChatClient } from "./create-client.js";
