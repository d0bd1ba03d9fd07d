import { describe, expect, it } from "vitest";
import { menuLinkToken, signMenuLink, verifyMenuLink } from "./menu-link.js";

const secret = "s".repeat(40);

describe("signed menu links", () => {
  it("round-trips scope and next, as a URL on the public origin", () => {
    const url = new URL(
      signMenuLink({ scope: "snsapi_userinfo", next: "/shop?x=1" }, secret, "https://a.example.cn/"),
    );
    expect(url.origin + url.pathname).toBe("https://a.example.cn/oauth/start");
    const token = url.searchParams.get("link") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyMenuLink(token, secret)).toEqual({ scope: "snsapi_userinfo", next: "/shop?x=1" });
    const payload = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8"));
    expect(payload).toEqual({ scope: "snsapi_userinfo", next: "/shop?x=1", v: 1 });
  });

  it("refuses another secret, a changed payload, a changed signature and junk", () => {
    const token = menuLinkToken({ scope: "snsapi_base", next: "/" }, secret);
    const [payload = "", sig = ""] = token.split(".");
    const evil = Buffer.from(
      JSON.stringify({ scope: "snsapi_base", next: "https://evil.com", v: 1 }),
    ).toString("base64url");
    expect(verifyMenuLink(token, "t".repeat(40))).toBeUndefined();
    expect(verifyMenuLink(`${evil}.${sig}`, secret)).toBeUndefined();
    expect(verifyMenuLink(`${payload}.${sig.slice(0, -1)}A`, secret)).toBeUndefined();
    expect(verifyMenuLink(`${payload}.`, secret)).toBeUndefined();
    expect(verifyMenuLink(payload, secret)).toBeUndefined();
    expect(verifyMenuLink(`${token}.x`, secret)).toBeUndefined();
    expect(verifyMenuLink("", secret)).toBeUndefined();
  });
});
