import type { MatchRule } from "@wxdesk/wechat/menu";
import { type BilingualText, both } from "../../i18n/define-messages.js";
import { matchRuleMessages as words } from "./match-rule-messages.js";

/** One condition of a rule in words; `retired` for the fields WeChat stopped honouring in 2021 (65320). */
export interface RulePart {
  field: "tag_id" | "client_platform_type" | "sex" | "region" | "language";
  text: BilingualText;
  retired: boolean;
}

/** The phone systems WeChat tells apart (§7.5): 1 iOS, 2 Android, 3 anything else. */
export type Platform = "1" | "2" | "3";
export const PLATFORMS: readonly Platform[] = ["1", "2", "3"];

const isSet = (value: string | undefined): value is string => value !== undefined && value !== "";

export function platformWords(value: string): BilingualText {
  if (value === "1") return both(words, (m) => m.platformIos);
  if (value === "2") return both(words, (m) => m.platformAndroid);
  if (value === "3") return both(words, (m) => m.platformOther);
  return both(words, (m) => m.platformInvalid(value));
}

function sexWords(value: string): BilingualText {
  const sex = (m: (typeof words)["en"]) =>
    value === "1" ? m.sexMale : value === "2" ? m.sexFemale : `"${value}"`;
  return both(words, (m) => m.sex(sex(m)));
}

/** A condition WeChat no longer matches on, said so. */
function retired(text: BilingualText): BilingualText {
  return { zh: words["zh-CN"].retired(text.zh), en: words.en.retired(text.en) };
}

/**
 * Who a rule matches, one part per condition (§7.5). Rules made before 2021 may still carry sex, region
 * or language: WeChat no longer matches on them, and they are marked so.
 */
export function describeMatchRule(rule: MatchRule): RulePart[] {
  const parts: RulePart[] = [];
  if (isSet(rule.tag_id)) {
    const id = rule.tag_id;
    parts.push({ field: "tag_id", text: both(words, (m) => m.tag(id)), retired: false });
  }
  if (isSet(rule.client_platform_type)) {
    parts.push({
      field: "client_platform_type",
      text: platformWords(rule.client_platform_type),
      retired: false,
    });
  }
  if (isSet(rule.sex)) parts.push({ field: "sex", text: retired(sexWords(rule.sex)), retired: true });
  const region = [rule.country, rule.province, rule.city].filter(isSet).join(" ");
  if (region !== "") {
    parts.push({ field: "region", text: retired(both(words, (m) => m.region(region))), retired: true });
  }
  if (isSet(rule.language)) {
    const language = rule.language;
    parts.push({ field: "language", text: retired(both(words, (m) => m.language(language))), retired: true });
  }
  return parts;
}

/** The whole rule as one sentence: 「带有标签 2、用 iPhone（iOS）的粉丝」 / "Followers with tag 2 and on iPhone (iOS)". */
export function matchRuleSentence(rule: MatchRule): BilingualText {
  const parts = describeMatchRule(rule);
  if (parts.length === 0) return both(words, (m) => m.nobody);
  return {
    zh: words["zh-CN"].sentence(parts.map((p) => p.text.zh).join(words["zh-CN"].joiner)),
    en: words.en.sentence(parts.map((p) => p.text.en).join(words.en.joiner)),
  };
}

/** The fields WeChat refuses since 2021 (65320) that a rule still holds. */
export function retiredFields(rule: MatchRule): Array<keyof MatchRule> {
  const fields = ["sex", "country", "province", "city", "language"] as const;
  return fields.filter((f) => isSet(rule[f]));
}
