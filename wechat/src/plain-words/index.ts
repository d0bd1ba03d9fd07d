export { BANNED_WORDS, type BannedWord, bannedWordsIn, type PlainWordsAudience } from "./banned-words.js";
