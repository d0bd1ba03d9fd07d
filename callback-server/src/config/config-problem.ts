/** One bad setting, in both languages (its own file: the setting parsers and server-config.ts both use it). */
export interface ConfigProblem {
  /** The env var name, e.g. `WXDESK_APPID`. */
  field: string;
  messageZh: string;
  messageEn: string;
}
