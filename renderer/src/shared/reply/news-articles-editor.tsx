import type { NewsArticle } from "@wxdesk/electron/desk-api";
import { useT } from "../../i18n/use-t.js";
import { Button, IconButton } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import { emptyArticle, moveArticle } from "./reply-edit.js";
import { replyMessages } from "./reply-messages.js";
import { REPLY_LIMITS } from "./reply-validate.js";

export interface NewsArticlesEditorProps {
  articles: readonly NewsArticle[];
  /** `…articles`: where this list's problems sit. */
  path: string;
  errorsAt(path: string): string[];
  onChange(articles: NewsArticle[]): void;
}

/** 图文: 1–8 articles (§9.3), each with title, summary, cover picture and link; reorder with buttons. */
export function NewsArticlesEditor({ articles, path, errorsAt, onChange }: NewsArticlesEditorProps) {
  const t = useT(replyMessages);
  const listErrors = errorsAt(path);
  const set = (index: number, patch: Partial<NewsArticle>) =>
    onChange(articles.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  const full = articles.length >= REPLY_LIMITS.articles;

  return (
    <div className="news-editor">
      {listErrors.length > 0 ? (
        <ul className="field__errors plain-list">
          {listErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <ol className="news-editor__list">
        {articles.map((article, i) => {
          const n = i + 1;
          const at = `${path}[${i}]`;
          return (
            // Articles have no ids; the index is their identity while the list is edited in place.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i} className="news-editor__article">
              <div className="news-editor__head">
                <h3 className="news-editor__title">{t.articleTitle(n)}</h3>
                <div className="news-editor__tools">
                  <IconButton
                    icon="arrowUp"
                    size="sm"
                    label={t.articleUp(n)}
                    disabled={i === 0}
                    onClick={() => onChange(moveArticle(articles, i, -1))}
                  />
                  <IconButton
                    icon="arrowDown"
                    size="sm"
                    label={t.articleDown(n)}
                    disabled={i === articles.length - 1}
                    onClick={() => onChange(moveArticle(articles, i, 1))}
                  />
                  <IconButton
                    icon="trash"
                    size="sm"
                    label={t.articleRemove(n)}
                    disabled={articles.length === 1}
                    onClick={() => onChange(articles.filter((_, j) => j !== i))}
                  />
                </div>
              </div>
              <TextField
                label={t.articleTitleLabel}
                value={article.title}
                onChange={(title) => set(i, { title })}
                errors={errorsAt(`${at}.title`)}
              />
              <TextField
                label={t.articleDescriptionLabel}
                value={article.description ?? ""}
                onChange={(description) => set(i, { description })}
                errors={errorsAt(`${at}.description`)}
              />
              <TextField
                label={t.articlePicLabel}
                hint={i === 0 ? t.articlePicHint : undefined}
                type="url"
                mono
                value={article.picUrl ?? ""}
                onChange={(picUrl) => set(i, { picUrl })}
                placeholder="https://"
                errors={errorsAt(`${at}.picUrl`)}
              />
              <TextField
                label={t.articleUrlLabel}
                type="url"
                mono
                value={article.url}
                onChange={(url) => set(i, { url })}
                placeholder="https://"
                errors={errorsAt(`${at}.url`)}
              />
            </li>
          );
        })}
      </ol>
      <Button
        icon="plus"
        disabledReason={full ? t.articleFull : undefined}
        onClick={() => onChange([...articles, emptyArticle()])}
      >
        {t.articleAdd}
      </Button>
    </div>
  );
}
