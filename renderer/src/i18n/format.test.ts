import { describe, expect, it, vi } from "vitest";
import { formatterFor } from "./format.js";

const NOW = Date.UTC(2025, 2, 1, 6, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("formatterFor", () => {
  it("counts down in words per language and says when it is over", () => {
    const zh = formatterFor("zh-CN");
    const en = formatterFor("en");
    expect(zh.countdown(NOW + 26 * HOUR, NOW)).toBe("1 天 2 小时");
    expect(en.countdown(NOW + 26 * HOUR, NOW)).toBe("1 d 2 h");
    expect(zh.countdown(NOW + HOUR + 59 * MIN + 30_000, NOW)).toBe("1 小时 59 分钟");
    expect(en.countdown(NOW + 20_000, NOW)).toBe("1 min");
    expect(zh.countdown(NOW - 1, NOW)).toBe("已过期");
    expect(en.countdown(NOW, NOW)).toBe("expired");
  });

  it("says how long ago in the chosen language", () => {
    expect(formatterFor("zh-CN").relative(NOW - 3 * MIN, NOW)).toBe("3分钟前");
    expect(formatterFor("en").relative(NOW - 3 * MIN, NOW)).toBe("3 minutes ago");
    expect(formatterFor("en").relative(NOW + 2 * HOUR, NOW)).toBe("in 2 hours");
  });

  it("writes dates the way each language reads them", () => {
    expect(formatterFor("zh-CN").date(NOW)).toContain("2025年3月1日");
    expect(formatterFor("en").date(NOW)).toContain("Mar 1, 2025");
  });

  it("makes each Intl object when a format first needs it, not with the formatter (a cold start paid for all five)", async () => {
    const names = ["DateTimeFormat", "NumberFormat", "RelativeTimeFormat"] as const;
    const real = names.map((name) => Intl[name]);
    const made: string[] = [];
    names.forEach((name, i) => {
      // Counts constructions and builds the real object (a Proxy stays a constructor).
      const counted = new Proxy(real[i] as object, {
        construct(target, args) {
          made.push(name);
          return Reflect.construct(target as new (...a: unknown[]) => object, args);
        },
      });
      Object.defineProperty(Intl, name, { value: counted, configurable: true, writable: true });
    });
    try {
      vi.resetModules();
      const { formatterFor: fresh } = await import("./format.js");
      const f = fresh("zh-CN");
      expect(f.countdown(NOW + HOUR, NOW)).toBe("1 小时");
      expect(made).toEqual([]);
      expect(f.time(NOW)).toMatch(/\d{1,2}:\d{2}/);
      expect(f.time(NOW + MIN)).toMatch(/\d{1,2}:\d{2}/);
      expect(made).toEqual(["DateTimeFormat"]);
    } finally {
      names.forEach((name, i) => {
        Object.defineProperty(Intl, name, { value: real[i], configurable: true, writable: true });
      });
    }
  });
});
