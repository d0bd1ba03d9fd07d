import { describe, expect, it } from "vitest";
import { parseAuthorizeUrl } from "./parse-authorize-url.js";

describe("parseAuthorizeUrl", () => {
  it("accepts any order, extra params and a missing fragment", () => {
    expect(
      parseAuthorizeUrl(
        "https://open.weixin.qq.com/connect/oauth2/authorize?scope=snsapi_base&state=&connect_redirect=1" +
          "&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&appid=wx00000000000000a1&response_type=code",
      ),
    ).toEqual({
      appid: "wx00000000000000a1",
      redirectUri: "http://localhost/cb",
      responseType: "code",
      scope: "snsapi_base",
      state: "",
      hasWechatRedirect: false,
    });
  });

  it("leaves absent params absent and never throws on junk", () => {
    expect(parseAuthorizeUrl("not a url#wechat_redirect")).toEqual({ hasWechatRedirect: true });
    expect(parseAuthorizeUrl("")).toEqual({ hasWechatRedirect: false });
  });
});
