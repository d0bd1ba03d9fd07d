import { useShallow } from "zustand/react/shallow";
import { usePick, useT } from "../../i18n/use-t.js";
import { ReplyContentEditor } from "../../shared/reply/reply-content-editor.js";
import { replyAt } from "../../shared/reply/reply-edit.js";
import { targetPath } from "../../shared/reply/reply-path.js";
import { Banner } from "../../ui/banner.js";
import { repliesMessages } from "./replies-messages.js";
import { problemsAt, useRepliesStore } from "./replies-store.js";

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
      <ReplyContentEditor
        reply={reply}
        path={at}
        errorsAt={errorsAt}
        onType={setType}
        onChange={updateReply}
      />
    </section>
  );
}
