/**
 * The reply rules are the server's own (`@wxdesk/wechat/replies`), so problems show while typing with
 * the same paths, codes and words the server would answer with; the server stays the judge.
 */
export { clickPath, REPLY_LIMITS, type ReplyProblem as ReplyIssue } from "@wxdesk/wechat/replies";

import { type ReplyProblem, type ReplySettings, validateReplies as validate } from "@wxdesk/wechat/replies";

/** Every problem of the settings, in the server's order: keys, each click reply, the subscribe reply. */
export function validateReplies(settings: ReplySettings): ReplyProblem[] {
  return validate(settings).problems;
}
