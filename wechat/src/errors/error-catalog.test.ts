import { describe, expect, it } from "vitest";
import { ERROR_CATALOG, errorClassOf } from "./error-catalog.js";
import { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT } from "./synthetic-codes.js";

// Every errcode named in /work/shared/wechat-protocol.md (§1.4, §2–§8, §10 and the 40033 note),
// copied by hand so a catalog edit cannot silently drop one.
const PROTOCOL_CODES = [
  -1, 10003, 10004, 10005, 10006, 10009, 10010, 10011, 10012, 10013, 10015, 10016, 40001, 40002, 40003, 40013,
  40014, 40015, 40016, 40017, 40018, 40019, 40020, 40021, 40022, 40023, 40024, 40025, 40026, 40027, 40028,
  40029, 40030, 40033, 40039, 40048, 40054, 40055, 40066, 40125, 40163, 40164, 40243, 41001, 41002, 41004,
  41008, 42001, 42002, 42003, 42007, 43001, 43002, 43003, 44002, 45009, 45011, 46002, 46003, 47001, 48001,
  48004, 50001, 50002, 65301, 65302, 65303, 65304, 65305, 65306, 65307, 65308, 65309, 65310, 65311, 65312,
  65313, 65314, 65316, 65317, 65320, 89503,
];

const CJK = /[\u4e00-\u9fff]/;

describe("ERROR_CATALOG", () => {
  it("has an entry for every code in the protocol sheet and the synthetic codes", () => {
    const missing = [...PROTOCOL_CODES, ERR_NETWORK, ERR_TIMEOUT, ERR_BAD_RESPONSE].filter(
      (code) => !ERROR_CATALOG.has(code),
    );
    expect(missing).toEqual([]);
    expect(ERROR_CATALOG.size).toBe(PROTOCOL_CODES.length + 3);
  });

  it("gives every entry zh and en titles and fixes, keyed by its own errcode", () => {
    for (const [code, entry] of ERROR_CATALOG) {
      expect(entry.errcode).toBe(code);
      expect(entry.titleZh, `${code} titleZh`).toMatch(CJK);
      expect(entry.fixZh, `${code} fixZh`).toMatch(CJK);
      expect(entry.titleEn, `${code} titleEn`).toMatch(/^[\x20-\x7e]*[A-Za-z]/);
      expect(entry.fixEn.length, `${code} fixEn`).toBeGreaterThan(15);
      expect(entry.errmsg.length, `${code} errmsg`).toBeGreaterThan(0);
    }
  });

  it.each([
    [-1, "retryable"],
    [ERR_NETWORK, "retryable"],
    [ERR_TIMEOUT, "retryable"],
    [40001, "credential"],
    [42001, "credential"],
    [40014, "credential"],
    [40029, "code"],
    [40163, "code"],
    [42003, "code"],
    [41008, "code"],
    [40013, "config"],
    [40125, "config"],
    [40164, "config"],
    [48001, "config"],
    [10003, "config"],
    [10016, "config"],
    [40243, "config"],
    [41002, "config"],
    [41004, "config"],
    [89503, "config"],
    [48004, "config"],
    [45009, "quota"],
    [45011, "quota"],
    [40030, "reauth"],
    [42002, "reauth"],
    [42007, "reauth"],
    [50001, "reauth"],
    [50002, "reauth"],
    [40002, "request"],
    [40003, "request"],
    [41001, "request"],
    [43001, "request"],
    [43003, "request"],
    [44002, "request"],
    [47001, "request"],
    [40018, "request"],
    [40054, "request"],
    [46003, "request"],
    [65320, "request"],
    [ERR_BAD_RESPONSE, "unexpected"],
    [99999, "unexpected"],
  ])("classifies %i as %s", (code, expected) => {
    expect(errorClassOf(code)).toBe(expected);
  });
});
