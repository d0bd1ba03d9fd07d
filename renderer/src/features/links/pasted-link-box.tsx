import { useMemo } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { selectActiveProfile, useAppStore } from "../../app/app-store.js";
import { useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { TextField } from "../../ui/field.js";
import { Panel } from "../../ui/panel.js";
import { defaultAuthorizedDomain } from "./authorized-domain.js";
import { LinkCheckList } from "./link-check-list.js";
import { linksMessages } from "./links-messages.js";
import { linkBuilder, useLinksStore } from "./links-store.js";
import { checkPastedLink, needsServerCheck, type PastedLinkSummary } from "./pasted-link-check.js";
import { withServerVerdict } from "./pasted-link-verdict.js";

/**
 * 「检查已有链接」: a pasted link checked for what breaks links in practice, problems said in words. WeChat
 * authorize links are checked on this computer; a callback server's own links (its start link, or an
 * authorize link back to its callback) are also checked by the connected server, which alone can verify
 * their signature.
 */
export function PastedLinkBox() {
  const t = useT(linksMessages);
  const { pasted, verdict, domain, setPasted, setDomain } = useLinksStore(
    useShallow((s) => ({
      pasted: s.pasted,
      verdict: s.verdict,
      domain: s.domain,
      setPasted: s.setPasted,
      setDomain: s.setDomain,
    })),
  );
  const { serverUrl, sandboxOrigin } = useAppStore(
    useShallow((s) => ({
      serverUrl: selectActiveProfile(s)?.serverUrl,
      sandboxOrigin: s.sandbox?.sandboxUrl,
    })),
  );
  const directUrl = useStore(linkBuilder, (s) => s.result?.directUrl);
  const authorizedDomain = domain ?? defaultAuthorizedDomain(directUrl, serverUrl);
  const local = useMemo(
    () =>
      pasted.trim() === ""
        ? undefined
        : checkPastedLink(pasted, { authorizedDomain, ...(sandboxOrigin ? { sandboxOrigin } : {}) }),
    [pasted, authorizedDomain, sandboxOrigin],
  );
  const report = local
    ? withServerVerdict(local, pasted.trim(), needsServerCheck(pasted), verdict)
    : undefined;
  const ownStart = report?.kind === "start" && verdict?.result?.own === true;

  return (
    <Panel id="links-paste-title" className="links-panel" title={t.pasteTitle} intro={t.pasteIntro}>
      <TextField
        label={t.pasteLabel}
        value={pasted}
        onChange={setPasted}
        placeholder={t.pastePlaceholder}
        multiline
        mono
      />
      <TextField
        label={t.domainLabel}
        hint={t.domainHint}
        value={authorizedDomain}
        onChange={setDomain}
        mono
      />
      {report?.pending ? (
        <p className="pasted-link__pending" role="status">
          <span className="spinner" aria-hidden="true" />
          {t.pasteChecking}
        </p>
      ) : null}
      {report && report.checks.length > 0 ? <LinkCheckList checks={report.checks} /> : null}
      {report && !report.pending && report.checks.length === 0 ? (
        <Banner kind="success" title={t.pasteOk}>
          {ownStart ? t.pasteOkStart : t.pasteOkBody}
        </Banner>
      ) : null}
      {report?.summary && Object.keys(report.summary).length > 0 ? (
        <LinkSummary summary={report.summary} />
      ) : null}
    </Panel>
  );
}

function LinkSummary({ summary }: { summary: PastedLinkSummary }) {
  const t = useT(linksMessages);
  const scope =
    summary.scope === "snsapi_base"
      ? t.scopeBase
      : summary.scope === "snsapi_userinfo"
        ? t.scopeUserinfo
        : summary.scope;
  // The scope reads as words; addresses and ids are shown as typed, in the code font.
  const rows: Array<{ label: string; value?: string; mono: boolean }> = [
    { label: t.summaryScope, value: scope, mono: false },
    { label: t.summaryServer, value: summary.server, mono: true },
    { label: t.summaryRedirect, value: summary.redirectUri, mono: true },
    { label: t.summaryNext, value: summary.next, mono: true },
    { label: t.summaryAppid, value: summary.appid, mono: true },
    { label: t.summaryState, value: summary.state, mono: true },
  ];
  return (
    <div className="link-summary">
      <h3 className="link-summary__title">{t.summaryTitle}</h3>
      <dl className="link-summary__list">
        {rows.map((row) =>
          row.value === undefined ? null : (
            <div key={row.label} className="link-summary__row">
              <dt>{row.label}</dt>
              <dd className={row.mono ? "link-summary__mono" : undefined}>{row.value}</dd>
            </div>
          ),
        )}
      </dl>
    </div>
  );
}
