import { describe, expect, it } from "vitest";
import { AuthorizeLinkError } from "./authorize-link-error.js";
import { buildAuthorizeUrl } from "./build-authorize-url.js";
import { parseAuthorizeUrl } from "./parse-authorize-url.js";

const APPID = "wx00000000000000a1";

describe("buildAuthorizeUrl", () => {
  it("emits the exact documented shape with state", () => {
    expect(
      buildAuthorizeUrl({
        appid: APPID,
        redirectUri: "http://127.0.0.1:8080/cb?x=1&y=二",
        scope: "snsapi_userinfo",
        state: "demo42",
      }),
    ).toBe(
      "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx00000000000000a1" +
        "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb%3Fx%3D1%26y%3D%E4%BA%8C" +
        "&response_type=code&scope=snsapi_userinfo&state=demo42#wechat_redirect",
    );
  });

  it("matches wechatpy's expectation and omits &state= when state is empty or absent", () => {
    const expected =
      "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx00000000000000a1" +
      "&redirect_uri=http%3A%2F%2Flocalhost&response_type=code&scope=snsapi_base#wechat_redirect";
    expect(buildAuthorizeUrl({ appid: APPID, redirectUri: "http://localhost", scope: "snsapi_base" })).toBe(
      expected,
    );
    expect(
      buildAuthorizeUrl({ appid: APPID, redirectUri: "http://localhost", scope: "snsapi_base", state: "" }),
    ).toBe(expected);
  });

  it("uses openBase without doubling slashes", () => {
    const url = buildAuthorizeUrl({
      appid: APPID,
      redirectUri: "https://a.example/cb",
      scope: "snsapi_base",
      openBase: "http://127.0.0.1:7100/",
    });
    expect(url.startsWith("http://127.0.0.1:7100/connect/oauth2/authorize?appid=")).toBe(true);
  });

  it("accepts a 128-character state but throws with problems for 129", () => {
    const ok = "a".repeat(128);
    expect(
      buildAuthorizeUrl({ appid: APPID, redirectUri: "https://a.example/", scope: "snsapi_base", state: ok }),
    ).toContain(`&state=${ok}#wechat_redirect`);
    let caught: unknown;
    try {
      buildAuthorizeUrl({
        appid: APPID,
        redirectUri: "https://a.example/",
        scope: "snsapi_base",
        state: "a".repeat(129),
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuthorizeLinkError);
    expect((caught as AuthorizeLinkError).problems.map((p) => p.code)).toEqual(["too_long"]);
  });

  it("rejects a redirect with a fragment or a non-http scheme", () => {
    expect(() =>
      buildAuthorizeUrl({ appid: APPID, redirectUri: "https://a.example/cb#top", scope: "snsapi_base" }),
    ).toThrow(AuthorizeLinkError);
    expect(() =>
      buildAuthorizeUrl({ appid: APPID, redirectUri: "ftp://a.example/cb", scope: "snsapi_base" }),
    ).toThrow(AuthorizeLinkError);
    expect(() => buildAuthorizeUrl({ appid: APPID, redirectUri: "/cb", scope: "snsapi_base" })).toThrow(
      AuthorizeLinkError,
    );
  });

  it("round-trips through parseAuthorizeUrl", () => {
    const input = {
      appid: APPID,
      redirectUri: "https://shop.example.com/oauth/cb?from=menu&lang=中文 x".replace(" ", "+"),
      scope: "snsapi_userinfo" as const,
      state: "Abc123",
    };
    expect(parseAuthorizeUrl(buildAuthorizeUrl(input))).toEqual({
      appid: input.appid,
      redirectUri: input.redirectUri,
      responseType: "code",
      scope: input.scope,
      state: input.state,
      hasWechatRedirect: true,
    });
  });
});
