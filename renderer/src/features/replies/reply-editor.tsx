import type { ReplyConfig } from "@wxdesk/electron/desk-api";
import { utf8ByteLength } from "@wxdesk/wechat/menu";
import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { TextField } from "../../ui/field.js";
import { NewsArticlesEditor } from "./news-articles-editor.js";
import { repliesMessages } from "./replies-messages.js";
import { problemsAt, useRepliesStore } from "./replies-store.js";
import { REPLY_LIMITS } from "./replies-validate.js";
import { replyAt } from "./reply-edit.js";
import { targetPath } from "./reply-path.js";

/** The selected event's reply: what kind (文字 / 图片 / 图文 / 不回复) and its content, problems inline. */
export function ReplyEditor() {
  const t = useT(repliesMessages);
  const pick = usePick();
  const { selected, draft, serverProblems, keys, setType, updateReply } = useRepliesStore(
    useShallow((s) => ({
      selected: s.selected,
      draft: s.draft,
      serverProblems: s.serverProblems,
      keys: s.keys,
      setType: s.setType,
      updateReply: s.updateReply,
    })),
  );
  const reply = replyAt(draft, selected);
  const errorsAt = (path: string) => problemsAt({ draft, serverProblems }, path).map(pick);
  const at = targetPath(selected);
  const entry = selected.kind === "click" ? keys.find((k) => k.key === selected.key) : undefined;
  const name = entry?.buttons[0]?.name;
  const title = selected.kind === "subscribe" ? t.editorSubscribe : t.editorClick(name ?? selected.key);
  const update = (next: ReplyConfig) => updateReply(next);

  return (
    <section className="panel replies-editor" aria-labelledby="replies-editor-title">
      <header className="replies-editor__header">
        <h2 id="replies-editor-title" className="replies-editor__title">
          {title}
        </h2>
        {selected.kind === "click" ? (
          <code className="replies-editor__key">{t.editorKey(selected.key)}</code>
        ) : null}
      </header>
      {selected.kind === "click" && !entry ? (
        <Banner kind="warning" title={t.orphan}>
          {t.orphanHint}
        </Banner>
      ) : null}
      <ChoiceGroup
        legend={t.typeLegend}
        layout="cards"
        value={reply?.type ?? "none"}
        onChange={setType}
        choices={[
          { value: "text", label: t.typeText, description: t.typeTextHint },
          { value: "image", label: t.typeImage, description: t.typeImageHint },
          { value: "news", label: t.typeNews, description: t.typeNewsHint },
          { value: "none", label: t.typeNone, description: t.typeNoneHint },
        ]}
      />
      {reply?.type === "text" ? (
        <TextField
          className="replies-editor__text"
          label={t.textLabel}
          hint={t.textHint}
          multiline
          value={reply.content}
          onChange={(content) => update({ type: "text", content })}
          bytes={{ used: utf8ByteLength(reply.content), max: REPLY_LIMITS.textBytes }}
          errors={errorsAt(`${at}.content`)}
        />
      ) : null}
      {reply?.type === "image" ? (
        <TextField
          label={t.mediaIdLabel}
          hint={t.mediaIdHint}
          mono
          value={reply.mediaId}
          onChange={(mediaId) => update({ type: "image", mediaId })}
          errors={errorsAt(`${at}.mediaId`)}
        />
      ) : null}
      {reply?.type === "news" ? (
        <NewsArticlesEditor
          articles={reply.articles}
          path={`${at}.articles`}
          errorsAt={errorsAt}
          onChange={(articles) => update({ type: "news", articles })}
        />
      ) : null}
    </section>
  );
}
