import { clickPath } from "./reply-validate.js";

/** Which reply an admin edits: the one for a menu button key, or the one sent when someone follows. */
export type ReplyTarget = { kind: "subscribe" } | { kind: "click"; key: string };

/** `subscribe` or `click["KEY"]`: where a target's problems sit. */
export function targetPath(target: ReplyTarget): string {
  return target.kind === "subscribe" ? "subscribe" : clickPath(target.key);
}

export function sameTarget(a: ReplyTarget, b: ReplyTarget): boolean {
  return a.kind === b.kind && (a.kind === "subscribe" || (b.kind === "click" && a.key === b.key));
}

const FIELD = /^(?:content|mediaId|type|articles(?:\[\d+\](?:\.\w+)?)?)$/;
const QUOTED = /^click\[("(?:[^"\\]|\\.)*")\](?:\.(.+))?$/;
const DOTTED = /^click\.(.+?)(?:\.(content|mediaId|type|articles(?:\[\d+\](?:\.\w+)?)?))?$/;

/**
 * A problem path in one form: the server writes `click["KEY"].content`, the DeskApi's own example is
 * `click.KEY.content`; both become `click["KEY"].content` so problems land at the field being edited.
 */
export function normalizeReplyPath(path: string): string {
  const quoted = QUOTED.exec(path);
  if (quoted?.[1]) {
    try {
      const key = JSON.parse(quoted[1]) as string;
      return quoted[2] ? `${clickPath(key)}.${quoted[2]}` : clickPath(key);
    } catch {
      return path;
    }
  }
  const dotted = DOTTED.exec(path);
  if (dotted?.[1] && (dotted[2] === undefined || FIELD.test(dotted[2]))) {
    return dotted[2] ? `${clickPath(dotted[1])}.${dotted[2]}` : clickPath(dotted[1]);
  }
  return path;
}
