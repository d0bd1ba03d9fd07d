import { type ReactNode, useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanPublish } from "../../app/app-store.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { ReplyContentEditor } from "../../shared/reply/reply-content-editor.js";
import { clickPath } from "../../shared/reply/reply-validate.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { replyIssues, selectButtonReply, useButtonReplyStore } from "./button-reply-store.js";
import { menuMessages } from "./menu-messages.js";
import type { EditorButton } from "./menu-tree.js";

/**
 * A 「回复消息」 button's reply, edited where the button is (as in WeChat's own menu editor): the same
 * editor and rules as 自动回复, the same reply on the server, saved by itself once it passes.
 */
export function ButtonReplyFields({ button }: { button: EditorButton }) {
  const t = useT(menuMessages);
  const pick = usePick();
  const titleId = useId();
  const canPublish = useCanPublish();
  const key = button.key ?? "";
  const { phase, loadError, reply, edited, save, load, setType, update, flush } = useButtonReplyStore(
    useShallow((s) => ({
      phase: s.phase,
      loadError: s.loadError,
      reply: selectButtonReply(s, key),
      edited: Object.hasOwn(s.edits, key),
      save: s.save,
      load: s.load,
      setType: s.setType,
      update: s.update,
      flush: s.flush,
    })),
  );
  const issues = replyIssues(key, reply);
  const path = clickPath(key);
  const errorsAt = (at: string) =>
    issues.filter((p) => p.path === at).map((p) => pick({ zh: p.messageZh, en: p.message }));

  let body: ReactNode;
  if (!canPublish) body = <p className="field__hint">{t.replySupportCannot}</p>;
  else if (key === "") body = <p className="field__hint">{t.replyNeedsKey}</p>;
  else if (phase === "failed" && loadError) {
    body = <DeskErrorBanner error={loadError} title={t.replyLoadFailed} onRetry={() => void load()} />;
  } else if (phase !== "ready") {
    body = (
      <p className="field__hint" role="status">
        {t.replyLoading}
      </p>
    );
  } else {
    body = (
      <>
        <ReplyContentEditor
          reply={reply}
          path={path}
          errorsAt={errorsAt}
          onType={(type) => setType(key, type)}
          onChange={(next) => update(key, next)}
        />
        {edited && issues.length === 0 && save.state === "failed" && save.error ? (
          <DeskErrorBanner error={save.error} title={t.replyFailed} onRetry={() => void flush()} />
        ) : (
          <ReplySaveLine
            state={issues.length > 0 ? "blocked" : edited ? save.state : "saved"}
            blocked={issues.length}
          />
        )}
      </>
    );
  }

  return (
    <section className="button-reply" aria-labelledby={titleId}>
      <h3 id={titleId} className="button-reply__title">
        {t.replyTitle}
      </h3>
      {canPublish && key !== "" ? <p className="field__hint">{t.replyIntro}</p> : null}
      {body}
    </section>
  );
}

/** Where the reply stands: saved (and live), about to be saved, saving, or waiting for a fix. */
function ReplySaveLine({
  state,
  blocked,
}: {
  state: "saved" | "pending" | "saving" | "failed" | "blocked";
  blocked: number;
}) {
  const t = useT(menuMessages);
  const text = {
    saved: t.replySaved,
    pending: t.replyPending,
    saving: t.replySaving,
    failed: t.replyFailed,
    blocked: t.replyBlocked(blocked),
  }[state];
  return (
    <p className={`button-reply__status hint-text button-reply__status--${state}`} role="status">
      {text}
    </p>
  );
}
