export {
  BANNED_WORDS,
  type BannedWord,
  bannedWordsIn,
  type PlainWordsAudience,
  shownText,
} from "./banned-words.js";
export { type LanguageHeaders, type PageLang, pageLanguage } from "./page-language.js";
