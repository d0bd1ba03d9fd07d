import { useShallow } from "zustand/react/shallow";
import { selectActiveProfile, useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { ReplyBubble } from "../../shared/reply/reply-bubble.js";
import { replyMessages } from "../../shared/reply/reply-messages.js";
import { Icon } from "../../ui/icon.js";
import { selectButtonReply, useButtonReplyStore } from "./button-reply-store.js";
import { displayName } from "./menu-display-name.js";
import { menuMessages } from "./menu-messages.js";
import { selectButtons, useMenuStore } from "./menu-store.js";
import { type EditorButton, findButton } from "./menu-tree.js";

/**
 * WeChat's chat screen with the account's bottom menu: up to 3 buttons across, a tapped parent opens its
 * sub-menu above it, names cut like WeChat cuts them. Which sub-menu is open follows the selection, so
 * the preview and the tree never disagree. A selected 「回复消息」 button shows the tap and the account's
 * reply in the chat, as the follower will see it.
 */
export function PhonePreview() {
  const t = useT(menuMessages);
  const account = useAppStore((s) => selectActiveProfile(s)?.name);
  const { buttons, selectedId, select } = useMenuStore(
    useShallow((s) => ({ buttons: selectButtons(s), selectedId: s.selectedId, select: s.select })),
  );
  const openIndex = buttons.findIndex(
    (top) =>
      top.children.length > 0 && (top.id === selectedId || top.children.some((c) => c.id === selectedId)),
  );
  const open = buttons[openIndex];
  const label = (b: EditorButton) => b.name || t.untitled;
  const selected = selectedId ? findButton(buttons, selectedId)?.button : undefined;
  const tapped =
    selected?.type === "click" && selected.children.length === 0 && selected.key ? selected : undefined;

  return (
    <section className="menu-panel phone-panel" aria-label={t.phoneTitle}>
      <h2 className="menu-panel__title">{t.phoneTitle}</h2>
      <div className="phone">
        <div className="phone__status" aria-hidden="true">
          <span>9:41</span>
          <span className="phone__signal" />
        </div>
        <div className="phone__header" aria-hidden="true">
          <span className="phone__back">‹</span>
          <span className="phone__account">{account ?? t.phoneAccount}</span>
          <span className="phone__profile">
            <Icon name="users" size={16} />
          </span>
        </div>
        <div className="phone__chat">
          <div className="phone__message" aria-hidden="true">
            <span className="phone__avatar" />
            <span className="phone__bubble">{t.phoneWelcome}</span>
          </div>
          {tapped ? <TappedReply button={tapped} name={label(tapped)} /> : null}
        </div>
        {open ? (
          <div className={`phone__popups phone__popups--n${buttons.length}`}>
            <ul className={`phone__popup phone__popup--col${openIndex + 1}`}>
              {open.children.map((sub) => (
                <li key={sub.id}>
                  <button
                    type="button"
                    className={`phone__sub ${sub.id === selectedId ? "phone__sub--selected" : ""}`}
                    aria-label={label(sub)}
                    aria-current={sub.id === selectedId ? "true" : undefined}
                    onClick={() => select(sub.id)}
                  >
                    {displayName(label(sub), "sub")}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="phone__bar">
          <span className="phone__keyboard" aria-hidden="true">
            <Icon name="keyboard" size={20} />
          </span>
          {buttons.length === 0 ? <span className="phone__empty">{t.phoneEmpty}</span> : null}
          {buttons.map((top) => (
            <button
              key={top.id}
              type="button"
              className={`phone__top ${top.id === selectedId ? "phone__top--selected" : ""} ${top === open ? "phone__top--open" : ""}`}
              aria-label={label(top)}
              aria-current={top.id === selectedId ? "true" : undefined}
              aria-expanded={top.children.length > 0 ? top === open : undefined}
              onClick={() => select(top.id)}
            >
              {top.children.length > 0 ? <span className="phone__lines" aria-hidden="true" /> : null}
              {displayName(label(top), "top")}
            </button>
          ))}
        </div>
      </div>
      <p className="menu-panel__hint meta-text">{t.phoneHint}</p>
    </section>
  );
}

/** 「你点了「微信」」 and what the account answers (or that nothing comes), while the reply is typed. */
function TappedReply({ button, name }: { button: EditorButton; name: string }) {
  const r = useT(replyMessages);
  const key = button.key ?? "";
  const ready = useButtonReplyStore((s) => s.phase === "ready");
  const reply = useButtonReplyStore((s) => selectButtonReply(s, key));
  if (!ready) return null;
  return (
    <>
      <div className="phone__event">{r.previewTapped(name)}</div>
      {reply ? (
        <div className="phone__message">
          <span className="phone__avatar" aria-hidden="true" />
          <ReplyBubble reply={reply} />
        </div>
      ) : (
        <div className="phone__event">{r.previewNone}</div>
      )}
    </>
  );
}
