import { useShallow } from "zustand/react/shallow";
import { selectActiveIsLocal, selectActiveProfile, useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { ReplyBubble } from "../../shared/reply/reply-bubble.js";
import { replyAt } from "../../shared/reply/reply-edit.js";
import { replyMessages } from "../../shared/reply/reply-messages.js";
import { repliesMessages } from "./replies-messages.js";
import { useRepliesStore } from "./replies-store.js";
import { ReplySandboxTap } from "./reply-sandbox-tap.js";

/** The chat as the user sees it after the event: the account's reply, updated while typing. */
export function ReplyPhonePreview() {
  const t = useT(repliesMessages);
  const r = useT(replyMessages);
  const account = useAppStore((s) => selectActiveProfile(s)?.name);
  const local = useAppStore(selectActiveIsLocal);
  const { selected, reply, keys } = useRepliesStore(
    useShallow((s) => ({ selected: s.selected, reply: replyAt(s.draft, s.selected), keys: s.keys })),
  );
  const name =
    selected.kind === "click"
      ? (keys.find((k) => k.key === selected.key)?.buttons[0]?.name ?? selected.key)
      : "";

  return (
    <section className="panel replies-preview" aria-labelledby="replies-preview-title">
      <h2 id="replies-preview-title" className="replies-preview__title">
        {t.previewTitle}
      </h2>
      <figure className="reply-phone" aria-label={t.previewTitle}>
        <div className="reply-phone__header">{account ?? t.previewAccount}</div>
        <div className="reply-phone__chat">
          <div className="reply-phone__event">
            {selected.kind === "subscribe" ? t.previewFollowed : r.previewTapped(name)}
          </div>
          {reply ? (
            <div className="reply-phone__message">
              <span className="reply-phone__avatar" aria-hidden="true" />
              <ReplyBubble reply={reply} />
            </div>
          ) : (
            <div className="reply-phone__event reply-phone__event--none">{r.previewNone}</div>
          )}
        </div>
      </figure>
      <p className="replies-preview__hint meta-text">{t.previewHint}</p>
      {local ? <ReplySandboxTap /> : null}
    </section>
  );
}
