import { describe, expect, it } from "vitest";
import type { AdminUser } from "../admin/admin-shapes.js";
import { BOM, csvCell, localTime, usersCsv } from "./users-csv.js";

function user(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    openid: "oAbc123",
    scope: "snsapi_userinfo",
    firstAuthorizedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    lastAuthorizedAt: Date.UTC(2025, 1, 3, 4, 5, 6),
    tokens: {
      state: "valid",
      obtainedAt: Date.UTC(2025, 1, 3, 4, 5, 6),
      accessExpiresAt: Date.UTC(2025, 1, 3, 6, 5, 6),
      refreshExpiresAt: Date.UTC(2025, 2, 5, 4, 5, 6),
    },
    ...overrides,
  };
}

/** RFC 4180 reader, just enough to check the writer: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("王芳")).toBe("王芳");
  });
  it("quotes commas, quotes and line breaks, doubling the quotes (RFC 4180)", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });
  it("defuses cells a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t"]) expect(csvCell(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe("usersCsv", () => {
  it("BOM, Chinese header in plain words, CRLF records, one row per user, no token", () => {
    const csv = usersCsv(
      [user(), user({ openid: "oB", nickname: '李, "小" 明', scope: "snsapi_base", unionid: "uB" })],
      "zh-CN",
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv.slice(BOM.length));
    expect(rows[0]).toEqual([
      "昵称",
      "OpenID",
      "UnionID",
      "授权方式",
      "首次授权时间",
      "最近授权时间",
      "令牌状态",
      "访问令牌到期",
      "可续期至",
      "头像链接",
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 7)).toEqual([
      "",
      "oAbc123",
      "",
      "用户信息授权",
      localTime(Date.UTC(2025, 0, 2, 3, 4, 5)),
      localTime(Date.UTC(2025, 1, 3, 4, 5, 6)),
      "有效",
    ]);
    expect(rows[2]?.slice(0, 4)).toEqual(['李, "小" 明', "oB", "uB", "静默授权（仅 openid）"]);
    expect(csv.toLowerCase()).not.toContain('token"');
  });

  it("English header when the app speaks English", () => {
    const rows = parseCsv(
      usersCsv([user({ tokens: { ...user().tokens, state: "needs_reauth" } })], "en").slice(1),
    );
    expect(rows[0]?.[0]).toBe("Nickname");
    expect(rows[1]?.[6]).toBe("user must authorize again");
  });

  it("local time reads as YYYY-MM-DD HH:mm:ss", () => {
    expect(localTime(Date.UTC(2025, 0, 2, 3, 4, 5))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});
