/** One thing wrong with an authorize-link input, worded for a non-technical admin (zh-CN first). */
export interface LinkProblem {
  field: "appid" | "redirectUri" | "scope" | "state";
  code: string;
  messageZh: string;
  messageEn: string;
}
