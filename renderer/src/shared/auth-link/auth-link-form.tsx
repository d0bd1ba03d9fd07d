import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { useLang, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { ChoiceGroup } from "../../ui/choice-group.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { TextField } from "../../ui/field.js";
import { authLinkMessages } from "./auth-link-messages.js";
import type { AuthLinkStore } from "./auth-link-store.js";

export interface AuthLinkFormProps {
  store: AuthLinkStore;
  /** The links screen also shows WeChat's direct authorize URL; the menu dialog only needs the start link. */
  showDirect?: boolean;
  /** "cards": the two ways side by side with short titles (the links screen); "list" (default): stacked. */
  layout?: "list" | "cards";
  /** false when the caller shows the built links itself (the links screen adds copy buttons and QR codes). */
  showResult?: boolean;
}

/** Silent or confirm-first, the target page, 「生成链接」, then the checks and the link in words. */
export function AuthLinkForm({
  store,
  showDirect = false,
  layout = "list",
  showResult = true,
}: AuthLinkFormProps) {
  const t = useT(authLinkMessages);
  const zh = useLang() === "zh-CN";
  const { scope, next, nextMissing, building, result, error, setScope, setNext, build } = useStore(
    store,
    useShallow((s) => ({ ...s })),
  );
  const errors = result?.checks.filter((c) => c.level === "error") ?? [];
  const warnings = result?.checks.filter((c) => c.level === "warning") ?? [];

  return (
    <div className="auth-link">
      <ChoiceGroup
        legend={t.scopeLegend}
        value={scope}
        onChange={setScope}
        layout={layout}
        choices={
          layout === "cards"
            ? [
                { value: "snsapi_base", label: t.scopeBaseShort, description: t.scopeBaseCard },
                { value: "snsapi_userinfo", label: t.scopeUserinfoShort, description: t.scopeUserinfoCard },
              ]
            : [
                { value: "snsapi_base", label: t.scopeBase, description: t.scopeBaseHint },
                { value: "snsapi_userinfo", label: t.scopeUserinfo, description: t.scopeUserinfoHint },
              ]
        }
      />
      <div className="auth-link__next">
        <TextField
          label={t.nextLabel}
          hint={t.nextHint}
          value={next}
          onChange={setNext}
          placeholder="/shop"
          mono
          errors={nextMissing ? [t.nextMissing] : []}
        />
        <Button variant="secondary" icon="link" busy={building} onClick={() => void build()}>
          {building ? t.building : t.build}
        </Button>
      </div>
      {error ? <DeskErrorBanner error={error} title={t.buildFailed} /> : null}
      {errors.length > 0 ? (
        <Banner kind="error" title={t.checkError}>
          <ul className="banner__list">
            {errors.map((c) => (
              <li key={c.code}>{zh ? c.messageZh : c.message}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {warnings.length > 0 ? (
        <Banner kind="warning" title={t.checkWarning}>
          <ul className="banner__list">
            {warnings.map((c) => (
              <li key={c.code}>{zh ? c.messageZh : c.message}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {result && result.checks.length === 0 ? <Banner kind="success" title={t.checksOk} /> : null}
      {result && showResult ? (
        <div className="auth-link__result">
          <span className="field__label">{t.resultLabel}</span>
          <output className="auth-link__url">{result.startUrl}</output>
          {showDirect ? (
            <>
              <span className="field__label">{t.directLabel}</span>
              <output className="auth-link__url">{result.directUrl}</output>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
