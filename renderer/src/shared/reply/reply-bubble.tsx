import type { NewsArticle, ReplyConfig } from "@wxdesk/electron/desk-api";
import { useT } from "../../i18n/use-t.js";
import { Icon } from "../../ui/icon.js";
import { replyMessages } from "./reply-messages.js";
import "./reply.css";

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * A cover picture stand-in: the preview never loads pictures from the web (the app's CSP allows only its
 * own and WeChat's avatar hosts, and a preview should not call out to arbitrary sites).
 */
function Cover({ article, large }: { article: NewsArticle; large: boolean }) {
  const t = useT(replyMessages);
  const host = hostOf(article.picUrl);
  return (
    <span className={`reply-bubble__cover ${large ? "reply-bubble__cover--large" : ""}`}>
      <Icon name="info" size={large ? 20 : 14} />
      {large ? <span>{host ? t.previewCover(host) : t.previewNoCover}</span> : null}
    </span>
  );
}

/** One passive reply as WeChat's chat shows it (§9.3): a text bubble, an image, or article cards. */
export function ReplyBubble({ reply }: { reply: ReplyConfig }) {
  const t = useT(replyMessages);
  if (reply.type === "text") {
    return <div className="reply-bubble reply-bubble--text">{reply.content}</div>;
  }
  if (reply.type === "image") {
    return (
      <div className="reply-bubble reply-bubble--image">
        <Icon name="upload" size={22} />
        <span>{t.previewImage}</span>
        <span className="reply-bubble__media">{t.previewImageId(reply.mediaId)}</span>
      </div>
    );
  }
  const [first, ...rest] = reply.articles;
  if (!first) return null;
  const title = (a: NewsArticle) => a.title.trim() || t.previewUntitled;
  if (rest.length === 0) {
    return (
      <div className="reply-bubble reply-bubble--news">
        <div className="reply-bubble__news-title">{title(first)}</div>
        <div className="reply-bubble__single">
          <span className="reply-bubble__description">{first.description}</span>
          <Cover article={first} large={false} />
        </div>
      </div>
    );
  }
  return (
    <div className="reply-bubble reply-bubble--news reply-bubble--multi">
      <div className="reply-bubble__lead">
        <Cover article={first} large />
        <span className="reply-bubble__lead-title">{title(first)}</span>
      </div>
      <ul className="reply-bubble__rest plain-list">
        {rest.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: articles have no ids; order is their identity
          <li key={i}>
            <span>{title(a)}</span>
            <Cover article={a} large={false} />
          </li>
        ))}
      </ul>
    </div>
  );
}
