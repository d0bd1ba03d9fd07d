import type { LinkCheck } from "@wxdesk/electron/desk-api";
import { describe, expect, it } from "vitest";
import type { PastedLinkReport } from "./pasted-link-check.js";
import { withServerVerdict } from "./pasted-link-verdict.js";

const URL_TEXT = "https://wx.example.com/oauth/start?link=a.b";
const check = (code: string, level: LinkCheck["level"] = "warning"): LinkCheck => ({
  code,
  level,
  messageZh: `${code} 中文`,
  message: `${code} en`,
});
const local = (checks: LinkCheck[] = []): PastedLinkReport => ({
  kind: "start",
  checks,
  summary: { server: "wx.example.com" },
});
const codes = (report: { checks: LinkCheck[] }) => report.checks.map((c) => `${c.level}:${c.code}`);

describe("withServerVerdict", () => {
  it("a link the server need not see: the local report as it is", () => {
    expect(withServerVerdict(local([check("x")]), URL_TEXT, false, undefined)).toEqual({
      ...local([check("x")]),
      pending: false,
    });
  });

  it("pending until the answer for this very text arrives", () => {
    expect(withServerVerdict(local(), URL_TEXT, true, undefined).pending).toBe(true);
    expect(withServerVerdict(local(), URL_TEXT, true, { url: URL_TEXT, loading: true }).pending).toBe(true);
    const stale = {
      url: "https://wx.example.com/oauth/start",
      loading: false,
      result: { kind: "start" as const, own: true, checks: [] },
    };
    expect(withServerVerdict(local(), URL_TEXT, true, stale).pending).toBe(true);
  });

  it("adds the server's checks and what it read; errors first", () => {
    const merged = withServerVerdict(local([check("redirect_domain", "warning")]), URL_TEXT, true, {
      url: URL_TEXT,
      loading: false,
      result: {
        kind: "start",
        own: true,
        scope: "snsapi_userinfo",
        next: "/shop",
        checks: [check("link_signature", "error")],
      },
    });
    expect(merged.pending).toBe(false);
    expect(codes(merged)).toEqual(["error:link_signature", "warning:redirect_domain"]);
    expect(merged.summary).toEqual({ server: "wx.example.com", scope: "snsapi_userinfo", next: "/shop" });
  });

  it("the same warning said twice is said once (the server's words)", () => {
    const merged = withServerVerdict(
      { ...local([check("userinfo_on_landing"), check("redirect_port")]), kind: "authorize" },
      URL_TEXT,
      true,
      {
        url: URL_TEXT,
        loading: false,
        result: {
          kind: "direct",
          own: true,
          checks: [check("userinfo_on_landing"), check("redirect_domain")],
        },
      },
    );
    expect(codes(merged)).toEqual(["warning:userinfo_on_landing", "warning:redirect_domain"]);
    expect(merged.checks[0]?.message).toBe("userinfo_on_landing en");
  });

  it("the server could not be asked: a warning in both languages with its reason", () => {
    const merged = withServerVerdict(local(), URL_TEXT, true, {
      url: URL_TEXT,
      loading: false,
      error: { code: "network", message: "No answer", messageZh: "没有响应" },
    });
    expect(codes(merged)).toEqual(["warning:server_unchecked"]);
    expect(merged.checks[0]?.messageZh).toContain("没有响应");
    expect(merged.checks[0]?.message).toContain("No answer");
  });
});
