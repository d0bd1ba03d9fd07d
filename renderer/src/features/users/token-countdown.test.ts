import { describe, expect, it } from "vitest";
import { countdownParts, formatCountdown } from "./token-countdown.js";
import { tokenMessages } from "./token-messages.js";

const NOW = Date.UTC(2025, 2, 1, 6, 0, 0);
const S = 1000;
const zh = tokenMessages["zh-CN"];
const en = tokenMessages.en;

describe("token countdown", () => {
  it("counts an access token down to the second", () => {
    const left = countdownParts(NOW + 2 * 3600 * S - S, NOW);
    expect(left).toEqual({ expired: false, days: 0, hours: 1, minutes: 59, seconds: 59 });
    expect(formatCountdown(left, zh)).toBe("1 小时 59 分 59 秒");
    expect(formatCountdown(left, en)).toBe("1 h 59 min 59 s");
  });

  it("changes every second", () => {
    const expiresAt = NOW + 10 * 60 * S;
    expect(formatCountdown(countdownParts(expiresAt, NOW), zh)).toBe("10 分 0 秒");
    expect(formatCountdown(countdownParts(expiresAt, NOW + S), zh)).toBe("9 分 59 秒");
    expect(formatCountdown(countdownParts(expiresAt, NOW + 9 * 60 * S + 58 * S), en)).toBe("2 s");
  });

  it("rounds a part second up: the last moment still reads 1 s, not 0", () => {
    expect(formatCountdown(countdownParts(NOW + 200, NOW), en)).toBe("1 s");
  });

  it("says days and hours for the 30-day refresh token", () => {
    const parts = countdownParts(NOW + 29 * 86_400 * S + 5 * 3600 * S + 17 * S, NOW);
    expect(formatCountdown(parts, zh)).toBe("29 天 5 小时");
    expect(formatCountdown(parts, en)).toBe("29 d 5 h");
  });

  it("says expired once the moment has passed (and at the moment itself)", () => {
    expect(countdownParts(NOW, NOW).expired).toBe(true);
    expect(formatCountdown(countdownParts(NOW - 5 * S, NOW), zh)).toBe("已过期");
    expect(formatCountdown(countdownParts(NOW - 5 * S, NOW), en)).toBe("expired");
  });
});
