import { describe, expect, it } from "vitest";
import { validateConditionalMenu, validateMatchRule } from "./match-rule-validate.js";

const summary = (rule: unknown) => validateMatchRule(rule).map((p) => [p.path, p.code, p.errcode]);

describe("validateMatchRule (§7.5)", () => {
  it.each([
    [{ tag_id: "2" }],
    [{ client_platform_type: "1" }],
    [{ tag_id: "100", client_platform_type: "3", sex: "", country: "" }],
  ])("accepts %j", (rule) => {
    expect(validateMatchRule(rule)).toEqual([]);
  });

  it.each([[{}], [{ tag_id: "", sex: "" }], [{ other: "x" }]])(
    "rejects the empty rule %j with 65304",
    (rule) => {
      expect(summary(rule)).toEqual([["matchrule", "matchrule_empty", 65304]]);
    },
  );

  it("rejects a rule that is not an object", () => {
    expect(summary(null)).toEqual([["matchrule", "matchrule_not_object", 47001]]);
  });

  it.each(["sex", "country", "language"])("rejects the privacy field %s with 65320", (field) => {
    expect(summary({ tag_id: "2", [field]: "1" })).toEqual([[`matchrule.${field}`, "privacy_field", 65320]]);
  });

  it("reports a province without country as 65310 after the privacy problem", () => {
    expect(summary({ province: "广东" })).toEqual([
      ["matchrule.province", "privacy_field", 65320],
      ["matchrule.province", "province_without_country", 65310],
    ]);
  });

  it("reports a city without province as 65311", () => {
    expect(summary({ country: "中国", city: "广州" })).toEqual([
      ["matchrule.country", "privacy_field", 65320],
      ["matchrule.city", "privacy_field", 65320],
      ["matchrule.city", "city_without_province", 65311],
    ]);
  });

  it.each(["0", "4", "ios", 2])("rejects client_platform_type %j", (value) => {
    expect(summary({ client_platform_type: value })).toEqual([
      ["matchrule.client_platform_type", "client_platform_invalid", 47001],
    ]);
  });

  it("rejects a non-numeric tag_id", () => {
    expect(summary({ tag_id: "vip" })).toEqual([["matchrule.tag_id", "tag_id_invalid", 47001]]);
  });
});

describe("validateConditionalMenu", () => {
  const button = [{ type: "click", name: "A", key: "K" }];

  it("accepts buttons plus a tag rule", () => {
    expect(validateConditionalMenu({ button, matchrule: { tag_id: "2" } })).toEqual([]);
  });

  it("reports button problems first, then a missing matchrule", () => {
    const problems = validateConditionalMenu({ button: [{ name: "A" }] });
    expect(problems.map((p) => [p.path, p.errcode])).toEqual([
      ["button[0]", 65308],
      ["matchrule", 65304],
    ]);
  });
});
