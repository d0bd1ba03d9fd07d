import type { ConnectedApp } from "@wxdesk/electron/desk-api";
import { useCanPublish } from "../../app/app-store.js";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { appsMessages } from "./apps-messages.js";
import { useAppsStore } from "./apps-store.js";

/** Why an app's secret cannot be renewed here, or undefined. */
function rotateBlock(app: ConnectedApp, t: (typeof appsMessages)["en"]): string | undefined {
  if (app.source === "settings") return t.settingsCannot;
  if (app.public) return t.publicCannot;
  return undefined;
}

/** The apps: name and ID, where users come back to, where from, the last sign-in; renew and remove. */
export function AppsTable({ apps }: { apps: readonly ConnectedApp[] }) {
  const t = useT(appsMessages);
  const f = useFormat();
  const isAdmin = useCanPublish();
  const askRotate = useAppsStore((s) => s.askRotate);
  const askRemove = useAppsStore((s) => s.askRemove);
  return (
    <table className="apps-table" aria-label={t.title}>
      <thead>
        <tr>
          <th scope="col">{t.name}</th>
          <th scope="col">{t.address}</th>
          <th scope="col">{t.source}</th>
          <th scope="col">{t.lastSignIn}</th>
          {isAdmin ? (
            <th scope="col">
              <span className="visually-hidden">{t.actions}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {apps.map((app) => (
          <tr key={app.clientId}>
            <th scope="row">
              <div className="apps-table__name">{app.name}</div>
              <div className="apps-table__id">
                {t.clientId}
                <code>{app.clientId}</code>
              </div>
            </th>
            <td className="apps-table__addresses">
              {app.redirectUris.map((uri) => (
                <code key={uri}>{uri}</code>
              ))}
            </td>
            <td>
              <span className={`tag ${app.source === "settings" ? "" : "tag--accent"}`}>
                {app.source === "settings" ? t.fromSettings : t.fromDesk}
              </span>
              {app.public ? <div className="apps-table__note meta-text">{t.noSecret}</div> : null}
            </td>
            <td className="apps-table__when">
              {app.lastSignInAt ? (
                f.dateTime(app.lastSignInAt)
              ) : (
                <span className="apps-table__note meta-text">{t.never}</span>
              )}
            </td>
            {isAdmin ? (
              <td className="apps-table__actions">
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={t.rotateNamed(app.name)}
                  disabledReason={rotateBlock(app, t)}
                  onClick={() => askRotate(app)}
                >
                  {t.rotate}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={t.removeNamed(app.name)}
                  disabledReason={app.source === "settings" ? t.settingsCannot : undefined}
                  onClick={() => askRemove(app)}
                >
                  {t.remove}
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
