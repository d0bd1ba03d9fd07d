import { defineMessages } from "../../i18n/define-messages.js";

/** A conditional menu's match rule in words (match-rule-words.ts): who sees that menu. */
export const matchRuleMessages = defineMessages(
  {
    tag: (id: string) => `带有标签 ${id}`,
    platformIos: "用 iPhone（iOS）",
    platformAndroid: "用安卓手机",
    platformOther: "用其他系统（电脑、平板等）",
    platformInvalid: (value: string) => `手机系统为「${value}」（无效的值）`,
    sexMale: "男",
    sexFemale: "女",
    sex: (sex: string) => `性别为${sex}`,
    region: (region: string) => `地区为「${region}」`,
    language: (language: string) => `语言为「${language}」`,
    retired: (condition: string) => `${condition}（2021 年起已失效）`,
    joiner: "、",
    sentence: (conditions: string) => `${conditions}的粉丝`,
    nobody: "没有设置条件",
  },
  {
    tag: (id) => `with tag ${id}`,
    platformIos: "on iPhone (iOS)",
    platformAndroid: "on Android phones",
    platformOther: "on other systems (computers, tablets…)",
    platformInvalid: (value) => `on phone system "${value}" (not a valid value)`,
    sexMale: "male",
    sexFemale: "female",
    sex: (sex) => `whose sex is ${sex}`,
    region: (region) => `in "${region}"`,
    language: (language) => `whose language is "${language}"`,
    retired: (condition) => `${condition} (no longer works since 2021)`,
    joiner: " and ",
    sentence: (conditions) => `Followers ${conditions}`,
    nobody: "No conditions set",
  },
);
