import type { ConnectionTest, ProfileView } from "@wxdesk/electron/desk-api";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { settingsMessages } from "./settings-messages.js";

/** 「测试连接」's answer in words: how fast, what the key may do, which account, how many users — or why not. */
export function ConnectionResult({ result, profile }: { result: ConnectionTest; profile: ProfileView }) {
  const t = useT(settingsMessages);
  const f = useFormat();
  if (!result.ok) {
    const error = result.error ?? { code: "unexpected", message: t.testFailed, messageZh: t.testFailed };
    const hint =
      error.code === "unauthorized"
        ? t.hintUnauthorized
        : error.code === "forbidden"
          ? t.hintForbidden
          : error.code === "too_many_attempts"
            ? t.hintTooManyAttempts
            : undefined;
    return (
      <div className="connection-result" aria-live="polite">
        <DeskErrorBanner error={error} title={t.testFailed} actions={undefined} />
        {hint ? <p className="connection-result__hint hint-text">{hint}</p> : null}
      </div>
    );
  }
  const roleName = (role: ProfileView["role"]) => (role === "admin" ? t.roleAdmin : t.roleSupport);
  return (
    <div className="connection-result" aria-live="polite">
      <Banner kind="success" title={t.testOk}>
        <ul className="connection-result__facts">
          {result.latencyMs !== undefined ? <li>{t.latency(f.number(result.latencyMs))}</li> : null}
          {result.role ? <li>{result.role === "admin" ? t.serverRoleAdmin : t.serverRoleSupport}</li> : null}
          {result.appid ? <li>{t.appid(result.appid)}</li> : null}
          {result.users !== undefined ? <li>{t.userCount(f.number(result.users))}</li> : null}
        </ul>
        {result.role && result.role !== profile.role ? (
          <p className="connection-result__warning">
            {t.roleMismatch(roleName(profile.role), roleName(result.role))}
          </p>
        ) : null}
      </Banner>
    </div>
  );
}
