import { describe, expect, it } from "vitest";
import { displayName } from "./menu-display-name.js";

describe("displayName", () => {
  it("cuts top buttons after about 4 Chinese characters and sub-buttons after about 8 (§7.1)", () => {
    expect(displayName("今日歌曲", "top")).toBe("今日歌曲");
    expect(displayName("今日热门歌曲", "top")).toBe("今日热门...");
    expect(displayName("今日热门歌曲推荐", "sub")).toBe("今日热门歌曲推荐");
    expect(displayName("今日热门歌曲推荐一下", "sub")).toBe("今日热门歌曲推荐...");
  });

  it("counts Latin letters as half a Chinese character", () => {
    expect(displayName("Shopping", "top")).toBe("Shopping");
    expect(displayName("Shopping!", "top")).toBe("Shopping...");
    expect(displayName("会员Club", "top")).toBe("会员Club");
  });
});
