import type { MatchRule, MenuProblem } from "@wxdesk/wechat/menu";
import { useShallow } from "zustand/react/shallow";
import { useNavStore } from "../../app/nav-store.js";
import { usePick, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { Field, SelectField, TextField } from "../../ui/field.js";
import { Panel } from "../../ui/panel.js";
import { conditionalMessages } from "./conditional-messages.js";
import {
  type ButtonSource,
  needsDefaultMenu,
  selectNewButtons,
  selectProblems,
  useConditionalStore,
} from "./conditional-store.js";
import { MenuButtonsPreview } from "./menu-buttons-preview.js";

type RetiredField = "sex" | "country" | "province" | "city" | "language";
const RETIRED: readonly RetiredField[] = ["sex", "country", "province", "city", "language"];

/**
 * 「添加个性化菜单」: who sees it (tag, phone system — sex, region and language are gone since 2021, 65320)
 * and which buttons (the live default menu, the editor's draft, or a copied conditional menu).
 */
export function ConditionalAddPanel() {
  const t = useT(conditionalMessages);
  const pick = usePick();
  const navigate = useNavStore((s) => s.navigate);
  const state = useConditionalStore(
    useShallow((s) => ({
      rule: s.rule,
      source: s.source,
      copied: s.copied,
      hasLive: s.live?.menu != null,
      hasDraft: s.draft != null,
      buttons: selectNewButtons(s),
      problems: selectProblems(s),
      adding: s.adding,
      addError: s.addError,
      setRule: s.setRule,
      setSource: s.setSource,
      add: s.add,
    })),
  );
  const { rule, source, copied, hasLive, problems, adding, addError, setRule, setSource, add } = state;
  const at = (path: string) =>
    problems.filter((p) => p.path === path).map((p) => pick({ zh: p.messageZh, en: p.messageEn }));
  const ruleEmpty = problems.some((p) => p.code === "matchrule_empty");
  const buttonProblems = problems.filter((p) => p.path === "" || p.path.startsWith("button"));
  const fieldWords: Record<RetiredField, string> = {
    sex: t.fieldSex,
    country: t.fieldCountry,
    province: t.fieldProvince,
    city: t.fieldCity,
    language: t.fieldLanguage,
  };
  const retired = RETIRED.filter((f) => rule[f] !== undefined);
  const blocking = problems.length;
  const reason = !hasLive
    ? t.addNoDefault
    : state.buttons.length === 0
      ? t.addNoButtons
      : blocking > 0
        ? t.addBlocked(blocking)
        : undefined;
  const sources = [
    { value: "live" as const, label: t.sourceLive, description: hasLive ? t.sourceLiveHint : t.sourceNone },
    {
      value: "draft" as const,
      label: t.sourceDraft,
      description: state.hasDraft ? t.sourceDraftHint : t.sourceNone,
    },
    ...(copied
      ? [{ value: "copy" as const, label: t.sourceCopy(copied.menuid), description: t.sourceCopyHint }]
      : []),
  ];

  return (
    <Panel id="cond-add-title" className="cond-panel" title={t.addTitle}>
      <div className="cond-add">
        <fieldset className="cond-add__rule">
          <legend className="cond-add__legend">{t.ruleTitle}</legend>
          <TextField
            label={t.tagLabel}
            hint={t.tagHint}
            mono
            value={rule.tag_id ?? ""}
            onChange={(tag_id) => setRule({ tag_id: tag_id.trim() })}
            placeholder="2"
            errors={at("matchrule.tag_id")}
          />
          <SelectField
            label={t.platformLabel}
            value={rule.client_platform_type ?? ""}
            onChange={(client_platform_type) => setRule({ client_platform_type })}
            options={[
              { value: "", label: t.platformAny },
              { value: "1", label: t.platformIos },
              { value: "2", label: t.platformAndroid },
              { value: "3", label: t.platformOther },
            ]}
            errors={at("matchrule.client_platform_type")}
          />
          {retired.map((field) => (
            <RetiredRow
              key={field}
              label={t.retiredField(fieldWords[field])}
              value={rule[field] ?? ""}
              errors={at(`matchrule.${field}`)}
              removeLabel={t.retiredRemove(fieldWords[field])}
              onRemove={() => setRule({ [field]: "" } as Partial<MatchRule>)}
            />
          ))}
          {ruleEmpty ? <p className="cond-add__needs hint-text">{at("matchrule")[0]}</p> : null}
          <Banner kind="info" title={t.privacyTitle}>
            {t.privacyBody}
          </Banner>
        </fieldset>
        <div className="cond-add__buttons">
          <ChoiceGroup<ButtonSource>
            legend={t.buttonsTitle}
            value={source}
            onChange={setSource}
            choices={sources}
          />
          <MenuButtonsPreview buttons={state.buttons} label={t.buttonsTitle} />
          <p className="field__hint">{t.buttonsHint}</p>
          {buttonProblems.length > 0 && state.buttons.length > 0 ? (
            <ButtonProblems problems={buttonProblems} title={t.buttonsProblems} />
          ) : null}
        </div>
      </div>
      {addError && needsDefaultMenu(addError) ? (
        <Banner
          kind="warning"
          title={t.noDefaultTitle}
          actions={
            <Button size="sm" onClick={() => navigate("menu")}>
              {t.toMenuEditor}
            </Button>
          }
        >
          {t.noDefaultBody}
        </Banner>
      ) : addError ? (
        <DeskErrorBanner error={addError} title={t.addFailed} />
      ) : null}
      <div className="cond-add__footer">
        <Button
          variant="primary"
          icon="plus"
          busy={adding}
          disabledReason={reason}
          onClick={() => void add()}
        >
          {adding ? t.adding : t.add}
        </Button>
      </div>
    </Panel>
  );
}

function RetiredRow(props: {
  label: string;
  value: string;
  errors: string[];
  removeLabel: string;
  onRemove(): void;
}) {
  return (
    <Field label={props.label} errors={props.errors}>
      {(control) => (
        <div className="cond-add__retired">
          <input {...control} className="input" value={props.value} readOnly />
          <Button size="sm" variant="danger" icon="trash" onClick={props.onRemove}>
            {props.removeLabel}
          </Button>
        </div>
      )}
    </Field>
  );
}

function ButtonProblems({ problems, title }: { problems: MenuProblem[]; title: string }) {
  const pick = usePick();
  return (
    <div className="cond-add__problems" role="alert">
      <p>{title}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}:${p.code}`}>{pick({ zh: p.messageZh, en: p.messageEn })}</li>
        ))}
      </ul>
    </div>
  );
}
