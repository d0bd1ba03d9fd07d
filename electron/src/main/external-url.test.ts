import { describe, expect, it } from "vitest";
import { toSafeExternalUrl } from "./external-url.js";

describe("toSafeExternalUrl", () => {
  it.each([
    ["https://mp.weixin.qq.com/", "https://mp.weixin.qq.com/"],
    [
      "http://127.0.0.1:7100/connect/oauth2/authorize?appid=wx1#wechat_redirect",
      "http://127.0.0.1:7100/connect/oauth2/authorize?appid=wx1#wechat_redirect",
    ],
    ["HTTPS://Example.COM/a b", "https://example.com/a%20b"],
  ])("opens plain http(s) link %s as %s", (input, expected) => {
    expect(toSafeExternalUrl(input)).toBe(expected);
  });

  it.each([
    ["file:///etc/passwd"],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["smb://server/share"],
    ["weixin://dl/business/?t=abc"],
    ["vscode://file/etc/passwd"],
    ["ms-msdt:/id PCWDiagnostic"],
    ["app://wxdesk/index.html"],
    ["https://user:pass@example.com/"],
    ["https://user@example.com/"],
    ["https://"],
    ["not a url"],
    [""],
    [`https://example.com/${"a".repeat(3000)}`],
  ])("refuses %s", (input) => {
    expect(toSafeExternalUrl(input)).toBeNull();
  });

  it("refuses anything that is not a string", () => {
    expect(toSafeExternalUrl(undefined)).toBeNull();
    expect(toSafeExternalUrl({ href: "https://example.com/" })).toBeNull();
  });
});
