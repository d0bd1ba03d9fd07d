import { useShallow } from "zustand/react/shallow";
import { both } from "../../i18n/define-messages.js";
import { useT } from "../../i18n/use-t.js";
import { ShownOnceDialog } from "../../ui/shown-once-dialog.js";
import { AppCodeTabs } from "./app-code-tabs.js";
import { issuerOf } from "./app-snippets.js";
import { appsMessages } from "./apps-messages.js";
import { useAppsStore } from "./apps-store.js";
import { CopyValue } from "./copy-value.js";

/**
 * A secret just made (a new app, or a new secret): the app ID, the secret — this once, with the
 * warning —, the settings address and the code for the developer. Closing drops the secret.
 */
export function AppSecretDialog() {
  const t = useT(appsMessages);
  const { issued, close } = useAppsStore(useShallow((s) => ({ issued: s.issued, close: s.closeIssued })));
  if (!issued) return null;
  const { app, clientSecret, discoveryUrl } = issued.issued;
  const redirectUri = app.redirectUris[0] ?? "";
  return (
    <ShownOnceDialog
      size="lg"
      title={issued.kind === "created" ? t.createdTitle(app.name) : t.rotatedTitle(app.name)}
      warning={t.secretWarning}
      doneLabel={t.done}
      onClose={close}
    >
      <div className="apps-values">
        <CopyValue
          label={both(appsMessages, (m) => m.clientId)}
          value={app.clientId}
          copyLabel={t.copyClientId}
        />
        <CopyValue
          label={both(appsMessages, (m) => m.secret)}
          value={clientSecret}
          copyLabel={t.copySecret}
          secret
        />
        <CopyValue
          label={both(appsMessages, (m) => m.discoveryHeading)}
          value={discoveryUrl}
          copyLabel={t.copyDiscovery}
        />
      </div>
      <AppCodeTabs input={{ clientId: app.clientId, discoveryUrl, redirectUri }} />
      <details className="apps-details">
        <summary>{t.details}</summary>
        {/* The protocol's names, for a developer who configures a library by hand. */}
        <dl className="apps-details__list">
          <dt>
            <code>issuer</code>
          </dt>
          <dd>
            <code>{issuerOf(discoveryUrl)}</code>
          </dd>
          <dt>
            <code>client_id</code>
          </dt>
          <dd>
            <code>{app.clientId}</code>
          </dd>
          <dt>
            <code>client_secret</code>
          </dt>
          <dd>{t.detailsSecret}</dd>
          <dt>
            <code>redirect_uri</code>
          </dt>
          <dd>
            <code>{redirectUri}</code>
          </dd>
          <dt>
            <code>scope</code>
          </dt>
          <dd>
            <code>openid profile</code>
          </dd>
          <dt>
            <code>response_type</code>
          </dt>
          <dd>
            <code>code</code> + PKCE (S256)
          </dd>
        </dl>
      </details>
    </ShownOnceDialog>
  );
}
