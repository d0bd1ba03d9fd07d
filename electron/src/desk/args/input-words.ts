/**
 * Our own messages for rules zod cannot word for people. A schema refers to one by its name
 * (`{ error: "server_url" }`); `describeBadInput` turns the name back into zh/en words.
 */
export const INPUT_WORDS = {
  server_url: {
    en: "must be the server's address, e.g. https://wx.example.com (http or https, no user name, no ? or #)",
    zh: "应为服务器地址，例如 https://wx.example.com（http 或 https，不含用户名、? 或 #）",
  },
  key: {
    en: "must be the admin or support key: 24–512 visible characters, no spaces",
    zh: "应为管理员或客服密钥：24–512 个可见字符，不含空格",
  },
  profile_id: { en: "is not a profile id", zh: "不是有效的连接配置 id" },
  openid: { en: "must be a user ID (letters, digits, - and _)", zh: "应为用户编号（字母、数字、- 和 _）" },
  name: { en: "must be 1–100 characters", zh: "应为 1–100 个字符" },
  link: { en: "must be a full http(s) link", zh: "应为完整的 http(s) 链接" },
  empty_patch: { en: "names nothing to change", zh: "没有要修改的内容" },
} as const satisfies Record<string, { en: string; zh: string }>;

export type InputWord = keyof typeof INPUT_WORDS;

export function isInputWord(message: string): message is InputWord {
  return Object.hasOwn(INPUT_WORDS, message);
}
