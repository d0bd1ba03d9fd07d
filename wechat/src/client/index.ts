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
export {
  createWeChatDispatcher,
  type WeChatDispatcher,
  type WeChatProxy,
} from "./wechat-dispatcher.js";
