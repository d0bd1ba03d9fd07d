import { MENU_LIMITS, type MenuProblem, utf8ByteLength } from "@wxdesk/wechat/menu";
import { useState } from "react";
import type { TextKey } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { AuthLinkDialog } from "../../shared/auth-link/auth-link-dialog.js";
import { Button } from "../../ui/button.js";
import { TextField } from "../../ui/field.js";
import type { ActionField } from "./menu-button-types.js";
import { typeFields } from "./menu-button-types.js";
import { menuMessages } from "./menu-messages.js";
import type { ProblemField } from "./menu-problems.js";
import { useMenuStore } from "./menu-store.js";
import type { EditorButton } from "./menu-tree.js";
import { useProblemWords } from "./use-problem-words.js";

export interface ButtonActionFieldsProps {
  button: EditorButton;
  problems: Partial<Record<ProblemField, MenuProblem[]>>;
}

type FieldText = { label: TextKey<typeof menuMessages>; hint: TextKey<typeof menuMessages> };

/** Labels per field; a miniprogram's url is its fallback page for old clients (§7.1). */
function fieldText(field: ActionField, miniprogram: boolean): FieldText {
  switch (field) {
    case "url":
      return miniprogram
        ? { label: "fallbackUrlLabel", hint: "fallbackUrlHint" }
        : { label: "urlLabel", hint: "urlHint" };
    case "key":
      return { label: "keyLabel", hint: "keyHint" };
    case "appid":
      return { label: "appidLabel", hint: "appidHint" };
    case "pagepath":
      return { label: "pagepathLabel", hint: "pagepathHint" };
    case "media_id":
      return { label: "mediaIdLabel", hint: "mediaIdHint" };
    case "article_id":
      return { label: "articleIdLabel", hint: "articleIdHint" };
  }
}

const BYTE_LIMITS: Partial<Record<ActionField, number>> = {
  url: MENU_LIMITS.urlBytes,
  key: MENU_LIMITS.keyBytes,
};

/** The fields the chosen action needs, each with its inline problems; view buttons can insert an authorize link. */
export function ButtonActionFields({ button, problems }: ButtonActionFieldsProps) {
  const t = useT(menuMessages);
  const words = useProblemWords();
  const edit = useMenuStore((s) => s.edit);
  const endTyping = useMenuStore((s) => s.endTyping);
  const [linkOpen, setLinkOpen] = useState(false);
  if (!button.type) return null;
  const miniprogram = button.type === "miniprogram";

  return (
    <>
      {typeFields(button.type).map((field) => {
        const text = fieldText(field, miniprogram);
        const value = button[field] ?? "";
        const max = BYTE_LIMITS[field];
        return (
          <div key={field} className="button-form__field">
            <TextField
              label={t[text.label]}
              hint={t[text.hint]}
              value={value}
              mono={field !== "url"}
              type={field === "url" ? "url" : "text"}
              bytes={
                max && (field === "key" || utf8ByteLength(value) > max / 2)
                  ? { used: utf8ByteLength(value), max }
                  : undefined
              }
              errors={(problems[field] ?? []).map((p) => words(p, button))}
              onChange={(next) => edit(button.id, { [field]: next }, field)}
              onBlur={endTyping}
            />
            {field === "url" && button.type === "view" ? (
              <div className="button-form__link">
                <Button size="sm" icon="link" onClick={() => setLinkOpen(true)}>
                  {t.insertAuthLink}
                </Button>
                <span className="field__hint">{t.insertAuthLinkHint}</span>
              </div>
            ) : null}
          </div>
        );
      })}
      {linkOpen ? (
        <AuthLinkDialog
          open
          onClose={() => setLinkOpen(false)}
          onUse={(url) => {
            edit(button.id, { url });
            setLinkOpen(false);
          }}
        />
      ) : null}
    </>
  );
}
