import type { NewsArticle, ReplyConfig, ReplySettings } from "@wxdesk/electron/desk-api";
import type { ReplyTarget } from "./reply-path.js";

export type ReplyType = ReplyConfig["type"];

export function emptyArticle(): NewsArticle {
  return { title: "", description: "", picUrl: "", url: "" };
}

export function emptyReply(type: ReplyType): ReplyConfig {
  if (type === "text") return { type, content: "" };
  if (type === "image") return { type, mediaId: "" };
  return { type, articles: [emptyArticle()] };
}

export function replyAt(settings: ReplySettings, target: ReplyTarget): ReplyConfig | undefined {
  if (target.kind === "subscribe") return settings.subscribe;
  return Object.hasOwn(settings.click, target.key) ? settings.click[target.key] : undefined;
}

/** The settings with one reply set, or removed (`undefined`: 「不回复」). Never mutates. */
export function withReply(
  settings: ReplySettings,
  target: ReplyTarget,
  reply: ReplyConfig | undefined,
): ReplySettings {
  if (target.kind === "subscribe") {
    const { subscribe: _old, ...rest } = settings;
    return reply ? { ...rest, subscribe: reply } : rest;
  }
  const click = Object.fromEntries(Object.entries(settings.click).filter(([key]) => key !== target.key));
  // Keep the key's place when it is edited, so the list does not jump around.
  if (reply) {
    const entries = Object.entries(settings.click);
    const at = entries.findIndex(([key]) => key === target.key);
    if (at === -1) entries.push([target.key, reply]);
    else entries[at] = [target.key, reply];
    return { ...settings, click: Object.fromEntries(entries) };
  }
  return { ...settings, click };
}

/** Optional article fields left empty are not sent: the server stores only what a reply uses. */
function cleanReply(reply: ReplyConfig): ReplyConfig {
  if (reply.type !== "news") return reply;
  return {
    type: "news",
    articles: reply.articles.map((a) => ({
      title: a.title,
      ...(a.description ? { description: a.description } : {}),
      ...(a.picUrl ? { picUrl: a.picUrl } : {}),
      url: a.url,
    })),
  };
}

/** What `replies.save` gets: every reply with only the fields it uses. */
export function cleanSettings(settings: ReplySettings): ReplySettings {
  const click = Object.fromEntries(Object.entries(settings.click).map(([k, r]) => [k, cleanReply(r)]));
  return settings.subscribe ? { click, subscribe: cleanReply(settings.subscribe) } : { click };
}

/** Same replies, whatever the key order or empty optional fields. */
export function sameSettings(a: ReplySettings, b: ReplySettings): boolean {
  const canonical = (s: ReplySettings) => {
    const clean = cleanSettings(s);
    const keys = Object.keys(clean.click).sort();
    return JSON.stringify([keys.map((k) => [k, clean.click[k]]), clean.subscribe ?? null]);
  };
  return canonical(a) === canonical(b);
}

/** Moves an article one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveArticle(articles: readonly NewsArticle[], index: number, step: -1 | 1): NewsArticle[] {
  const to = index + step;
  const next = [...articles];
  const [item] = next.splice(index, 1);
  if (item === undefined || to < 0 || to > articles.length - 1) return [...articles];
  next.splice(to, 0, item);
  return next;
}
