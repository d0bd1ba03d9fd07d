import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { ReplyBubble } from "../../shared/reply/reply-bubble.js";
import { SandboxUserPicker, useSandboxUsers } from "../../shared/sandbox-users/sandbox-user-picker.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { repliesMessages } from "./replies-messages.js";
import { selectTargetDirty, tapFor, useRepliesStore } from "./replies-store.js";

/**
 * 「在沙箱手机上点一下」 (local sandbox only): a fixture user taps the button, the sandbox posts the signed,
 * encrypted CLICK event to the local server, and the decoded reply proves the whole path.
 */
export function ReplySandboxTap() {
  const t = useT(repliesMessages);
  const pick = usePick();
  const running = useAppStore((s) => s.sandbox?.running ?? false);
  const { users } = useSandboxUsers(running);
  const { selected, busy, result, targetDirty, tap } = useRepliesStore(
    useShallow((s) => ({
      selected: s.selected,
      busy: s.tap.busy,
      result: tapFor(s),
      targetDirty: selectTargetDirty(s),
      tap: s.tapInSandbox,
    })),
  );

  let body: ReactNode;
  if (!running) body = <p className="replies-tap__text hint-text">{t.tapStopped}</p>;
  else if (selected.kind === "subscribe")
    body = <p className="replies-tap__text hint-text">{t.tapSubscribe}</p>;
  else {
    const reason = targetDirty ? t.tapNeedsSave : users.length === 0 ? t.tapNoUsers : undefined;
    body = (
      <>
        <p className="replies-tap__text hint-text">{t.tapIntro}</p>
        <SandboxUserPicker label={t.tapUser} />
        <Button icon="send" busy={busy} disabledReason={reason} onClick={() => void tap()}>
          {t.tapButton}
        </Button>
        {result?.ok && result.reply ? (
          <div className="replies-tap__result" role="status">
            <span className="replies-tap__label">{t.tapReply}</span>
            <ReplyBubble reply={result.reply} />
          </div>
        ) : null}
        {result?.ok && !result.reply ? (
          <p className="replies-tap__text hint-text" role="status">
            {t.tapNoReply}
          </p>
        ) : null}
        {result && !result.ok ? (
          <Banner kind="error" title={t.tapFailed}>
            {result.error ? pick({ zh: result.error.messageZh, en: result.error.message }) : null}
          </Banner>
        ) : null}
      </>
    );
  }
  return (
    <section className="replies-tap" aria-labelledby="replies-tap-title">
      <h3 id="replies-tap-title" className="replies-tap__title">
        {t.tapTitle}
      </h3>
      {body}
    </section>
  );
}
