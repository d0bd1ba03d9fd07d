import type { ReplyConfig } from "@wxdesk/electron/desk-api";
import { utf8ByteLength } from "@wxdesk/wechat/menu";
import { useT } from "../../i18n/use-t.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { TextField } from "../../ui/field.js";
import { NewsArticlesEditor } from "./news-articles-editor.js";
import "./reply.css";
import type { ReplyType } from "./reply-edit.js";
import { replyMessages } from "./reply-messages.js";
import { REPLY_LIMITS } from "./reply-validate.js";

export interface ReplyContentEditorProps {
  /** The reply being edited; undefined: 「不回复」. */
  reply: ReplyConfig | undefined;
  /** Where this reply's problems sit (`click["KEY"]`, `subscribe`): fields add `.content`, `.articles[0].url`… */
  path: string;
  /** Problems at a path, in the UI language. */
  errorsAt(path: string): string[];
  onType(type: ReplyType | "none"): void;
  onChange(reply: ReplyConfig): void;
}

/**
 * A passive reply (§9.3): what kind (文字 / 图片 / 图文 / 不回复) and its content, problems inline. The same
 * editor on 自动回复 and in a click button's form, so a reply looks and checks the same in both places.
 */
export function ReplyContentEditor({ reply, path, errorsAt, onType, onChange }: ReplyContentEditorProps) {
  const t = useT(replyMessages);
  return (
    <div className="reply-editor">
      <ChoiceGroup
        legend={t.typeLegend}
        layout="cards"
        value={reply?.type ?? "none"}
        onChange={onType}
        choices={[
          { value: "text", label: t.typeText, description: t.typeTextHint },
          { value: "image", label: t.typeImage, description: t.typeImageHint },
          { value: "news", label: t.typeNews, description: t.typeNewsHint },
          { value: "none", label: t.typeNone, description: t.typeNoneHint },
        ]}
      />
      {reply?.type === "text" ? (
        <TextField
          className="reply-editor__text"
          label={t.textLabel}
          hint={t.textHint}
          multiline
          value={reply.content}
          onChange={(content) => onChange({ type: "text", content })}
          bytes={{ used: utf8ByteLength(reply.content), max: REPLY_LIMITS.textBytes }}
          errors={errorsAt(`${path}.content`)}
        />
      ) : null}
      {reply?.type === "image" ? (
        <TextField
          label={t.mediaIdLabel}
          hint={t.mediaIdHint}
          mono
          value={reply.mediaId}
          onChange={(mediaId) => onChange({ type: "image", mediaId })}
          errors={errorsAt(`${path}.mediaId`)}
        />
      ) : null}
      {reply?.type === "news" ? (
        <NewsArticlesEditor
          articles={reply.articles}
          path={`${path}.articles`}
          errorsAt={errorsAt}
          onChange={(articles) => onChange({ type: "news", articles })}
        />
      ) : null}
    </div>
  );
}
