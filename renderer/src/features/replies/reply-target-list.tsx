import { type FormEvent, type ReactNode, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useLang, useT } from "../../i18n/use-t.js";
import { replyAt } from "../../shared/reply/reply-edit.js";
import { type ReplyTarget, sameTarget, targetPath } from "../../shared/reply/reply-path.js";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import { repliesMessages } from "./replies-messages.js";
import { targetHasProblems, useRepliesStore } from "./replies-store.js";
import { type KeySource, type ReplyRow, replyRows } from "./reply-keys.js";

/** The events that can have a reply: following the account, and each menu button key. */
export function ReplyTargetList() {
  const t = useT(repliesMessages);
  const zh = useLang() === "zh-CN";
  const { draft, serverProblems, keys, extraKeys, selected, select, addKey } = useRepliesStore(
    useShallow((s) => ({
      draft: s.draft,
      serverProblems: s.serverProblems,
      keys: s.keys,
      extraKeys: s.extraKeys,
      selected: s.selected,
      select: s.select,
      addKey: s.addKey,
    })),
  );
  const [newKey, setNewKey] = useState("");
  const [exists, setExists] = useState(false);
  const rows: ReplyRow[] = replyRows(keys, draft.click);
  for (const key of extraKeys) {
    if (!rows.some((r) => r.key === key)) rows.push({ key, buttons: [], orphan: true });
  }
  const sourceWord: Record<KeySource, string> = {
    draft: t.fromDraft,
    live: t.fromLive,
    conditional: t.fromConditional,
  };

  const status = (target: ReplyTarget) => {
    if (targetHasProblems({ draft, serverProblems }, target))
      return <span className="tag tag--danger">{t.stateProblem}</span>;
    return replyAt(draft, target) ? (
      <span className="tag tag--accent">{t.stateSet}</span>
    ) : (
      <span className="tag">{t.stateNone}</span>
    );
  };
  const item = (target: ReplyTarget, title: string, detail: string, extra?: ReactNode, mono = false) => {
    const current = sameTarget(target, selected);
    return (
      <li key={targetPath(target)}>
        <button
          type="button"
          className={`replies-list__item ${current ? "replies-list__item--current" : ""}`}
          aria-current={current ? "true" : undefined}
          onClick={() => select(target)}
        >
          <span className="replies-list__text">
            <span className="replies-list__name">{title}</span>
            <span className={`replies-list__detail ${mono ? "replies-list__detail--mono" : ""}`}>
              {detail}
            </span>
          </span>
          <span className="replies-list__tags">
            {extra}
            {status(target)}
          </span>
        </button>
      </li>
    );
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (newKey.trim() === "") return;
    if (addKey(newKey)) {
      setNewKey("");
      setExists(false);
    } else {
      setExists(true);
    }
  }

  return (
    <section className="panel replies-list" aria-label={t.listLabel}>
      <h2 className="replies-list__group">{t.subscribeGroup}</h2>
      <ul className="replies-list__items plain-list">
        {item({ kind: "subscribe" }, t.subscribe, t.subscribeHint)}
      </ul>
      <h2 className="replies-list__group">{t.buttonsGroup}</h2>
      {rows.length === 0 ? <p className="replies-list__empty">{t.noKeys}</p> : null}
      <ul className="replies-list__items plain-list">
        {rows.map((row) => {
          const sources = [...new Set(row.buttons.map((b) => sourceWord[b.source]))].join(zh ? "、" : ", ");
          return item(
            { kind: "click", key: row.key },
            row.buttons[0]?.name ?? row.key,
            row.buttons.length > 0 ? `${row.key} · ${sources}` : row.key,
            row.orphan ? <span className="tag tag--warning">{t.orphan}</span> : null,
            true,
          );
        })}
      </ul>
      <form className="replies-list__add" onSubmit={submit}>
        <TextField
          label={t.addKeyLabel}
          hint={t.addKeyHint}
          mono
          value={newKey}
          onChange={(value) => {
            setNewKey(value);
            setExists(false);
          }}
          errors={exists ? [t.addKeyExists] : []}
        />
        <Button type="submit" size="sm" icon="plus">
          {t.addKey}
        </Button>
      </form>
    </section>
  );
}
