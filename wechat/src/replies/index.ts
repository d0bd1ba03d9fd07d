export {
  clickPath,
  REPLY_LIMITS,
  type ReplyArticle,
  type ReplyConfig,
  type ReplyProblem,
  type ReplySettings,
  validateReplies,
} from "./reply-rules.js";
