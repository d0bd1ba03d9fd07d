import { MENU_LIMITS, utf8ByteLength } from "@wxdesk/wechat/menu";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { EmptyState } from "../../ui/empty-state.js";
import { TextField } from "../../ui/field.js";
import { ButtonActionFields } from "./button-action-fields.js";
import { ButtonPosition } from "./button-position.js";
import { ButtonReplyFields } from "./button-reply-fields.js";
import { ButtonTypePicker } from "./button-type-picker.js";
import { displayName } from "./menu-display-name.js";
import { menuMessages } from "./menu-messages.js";
import { selectProblems, useMenuStore } from "./menu-store.js";
import { useProblemWords } from "./use-problem-words.js";
import { useSelectedButton } from "./use-selected-button.js";

/** The selected button's settings: name (with its byte counter), what it does (and a click button's reply), where it sits. */
export function ButtonForm() {
  const t = useT(menuMessages);
  const problemWords = useProblemWords();
  const found = useSelectedButton();
  const { edit, endTyping, remove } = useMenuStore(
    useShallow((s) => ({ edit: s.edit, endTyping: s.endTyping, remove: s.remove })),
  );
  const problems = useMenuStore((s) => (found ? selectProblems(s).byButton.get(found.button.id) : undefined));

  if (!found) {
    return (
      <section className="menu-panel button-form" aria-label={t.formEmptyTitle}>
        <EmptyState icon="menu" title={t.formEmptyTitle}>
          {t.formEmptyBody}
        </EmptyState>
      </section>
    );
  }

  const { button } = found;
  const level = found.parent ? "sub" : "top";
  const max = level === "top" ? MENU_LIMITS.topNameBytes : MENU_LIMITS.subNameBytes;
  const fields = problems?.fields ?? {};
  const words = (list: typeof fields.name) => (list ?? []).map((p) => problemWords(p, button));
  // "Needs an action" sits on the button itself (or its type): shown under the type cards.
  const actionProblems = words([...(fields.type ?? []), ...(fields.button ?? [])]);
  const isParent = button.children.length > 0;
  const title = button.name || t.untitled;

  return (
    <section className="menu-panel button-form" aria-labelledby="button-form-title">
      <header className="button-form__header">
        <h2 id="button-form-title" className="button-form__title">
          {title}
        </h2>
        <span className="tag">{level === "top" ? t.levelTop : t.levelSub}</span>
      </header>
      <TextField
        label={t.nameLabel}
        value={button.name}
        bytes={{ used: utf8ByteLength(button.name), max }}
        errors={words(fields.name)}
        hint={
          <>
            {t.nameHint(max)}
            {button.name ? (
              <span className="button-form__shown"> {t.nameShownAs(displayName(button.name, level))}</span>
            ) : null}
          </>
        }
        onChange={(name) => edit(button.id, { name }, "name")}
        onBlur={endTyping}
      />
      {isParent ? (
        <Banner kind="info" title={t.parentNote} />
      ) : (
        <>
          <ButtonTypePicker type={button.type} onChange={(type) => edit(button.id, { type })} />
          {actionProblems.length > 0 ? (
            <ul className="field__errors plain-list">
              {[...new Set(actionProblems)].map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <ButtonActionFields button={button} problems={fields} />
          {button.type === "click" ? <ButtonReplyFields button={button} /> : null}
        </>
      )}
      <ButtonPosition found={found} />
      <div className="button-form__footer">
        <Button
          variant="ghost"
          icon="trash"
          className="button-form__delete"
          onClick={() => remove(button.id)}
        >
          {t.deleteThis}
        </Button>
      </div>
    </section>
  );
}
