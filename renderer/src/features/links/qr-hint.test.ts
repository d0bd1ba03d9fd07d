import { describe, expect, it } from "vitest";
import { qrHintKind } from "./qr-hint.js";

describe("qrHintKind", () => {
  it("the local sandbox profile: try it in the phone window, whatever the address", () => {
    expect(qrHintKind("http://127.0.0.1:7200/oauth/start?link=a.b", true)).toBe("sandbox");
  });

  it("another profile whose server is on this computer: a phone cannot reach it", () => {
    for (const url of [
      "http://127.0.0.1:8080/oauth/start",
      "http://127.1.2.3/oauth/start",
      "http://localhost:3000/oauth/start",
      "http://[::1]:3000/oauth/start",
    ]) {
      expect(qrHintKind(url, false), url).toBe("this-computer");
    }
  });

  it("a server on the internet: scan it with WeChat", () => {
    expect(qrHintKind("https://wx.example.com/oauth/start?link=a.b", false)).toBe("phone");
    expect(qrHintKind("https://127.example.com/oauth/start", false)).toBe("phone");
    expect(qrHintKind("not a url", false)).toBe("phone");
  });
});
