/** The part of node-webot's `wechat-oauth` (CommonJS, no types of its own) the peer uses. */
declare module "wechat-oauth" {
  interface WechatUser {
    openid: string;
    nickname?: string;
    headimgurl?: string;
  }
  class OAuth {
    constructor(appid: string, secret: string);
    getAuthorizeURL(redirect: string, state: string, scope: string): string;
    getUserByCode(
      options: { code: string; lang?: string },
      callback: (error: Error | null, user: WechatUser) => void,
    ): void;
    request(url: string, options: unknown, callback: unknown): void;
  }
  export default OAuth;
}
