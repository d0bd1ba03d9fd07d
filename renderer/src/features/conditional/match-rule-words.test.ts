import { describe, expect, it } from "vitest";
import { describeMatchRule, matchRuleSentence, retiredFields } from "./match-rule-words.js";

describe("describeMatchRule", () => {
  it("says tag and phone system in words, 1 iOS / 2 Android / 3 other", () => {
    expect(matchRuleSentence({ tag_id: "2", client_platform_type: "1" })).toEqual({
      zh: "带有标签 2、用 iPhone（iOS）的粉丝",
      en: "Followers with tag 2 and on iPhone (iOS)",
    });
    expect(matchRuleSentence({ client_platform_type: "2" }).zh).toBe("用安卓手机的粉丝");
    expect(matchRuleSentence({ client_platform_type: "3" }).en).toContain("other systems");
    expect(matchRuleSentence({ client_platform_type: "9" }).zh).toContain("无效");
  });

  it("marks sex, region and language as retired since 2021", () => {
    const parts = describeMatchRule({
      sex: "2",
      country: "中国",
      province: "广东",
      city: "广州",
      language: "zh_CN",
    });
    expect(parts.map((p) => [p.field, p.retired])).toEqual([
      ["sex", true],
      ["region", true],
      ["language", true],
    ]);
    expect(parts[0]?.text.zh).toBe("性别为女（2021 年起已失效）");
    expect(parts[1]?.text.en).toBe('in "中国 广东 广州" (no longer works since 2021)');
    expect(parts[2]?.text.zh).toContain("zh_CN");
  });

  it("treats empty strings as unset (SDKs send unused fields so) and says when nothing is set", () => {
    expect(describeMatchRule({ tag_id: "", sex: "", client_platform_type: "2" }).map((p) => p.field)).toEqual(
      ["client_platform_type"],
    );
    expect(matchRuleSentence({}).en).toBe("No conditions set");
  });
});

describe("retiredFields", () => {
  it("lists the fields WeChat refuses with 65320", () => {
    expect(retiredFields({ tag_id: "1", sex: "1", city: "广州", language: "" })).toEqual(["sex", "city"]);
    expect(retiredFields({ tag_id: "1" })).toEqual([]);
  });
});
