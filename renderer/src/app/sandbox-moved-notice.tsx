import type { SandboxStatus } from "@wxdesk/electron/desk-api";
import { useT } from "../i18n/use-t.js";
import { Banner } from "../ui/banner.js";
import { Button } from "../ui/button.js";
import { useNavStore } from "./nav-store.js";
import { sandboxMessages } from "./sandbox-messages.js";

/**
 * The local sandbox could not have its usual address (another program held a port), and/or published
 * menu buttons still point where it was: say so, name each button, and lead to where it is fixed.
 */
export function SandboxMovedNotice({ status }: { status: SandboxStatus }) {
  const t = useT(sandboxMessages);
  const navigate = useNavStore((s) => s.navigate);
  const stale = status.staleLinks ?? [];
  const moved = status.moved;
  if (!status.running || (!moved && stale.length === 0)) return null;
  const inConditional = stale.some((l) => l.conditionalMenuid !== undefined);
  const inDefault = stale.some((l) => l.conditionalMenuid === undefined);
  return (
    <Banner
      kind={stale.length > 0 ? "warning" : "info"}
      title={moved ? t.movedTitle : t.staleTitle(stale.length)}
      actions={
        <>
          {inDefault ? (
            <Button size="sm" onClick={() => navigate("menu")}>
              {t.goToMenu}
            </Button>
          ) : null}
          {inConditional ? (
            <Button size="sm" onClick={() => navigate("conditional")}>
              {t.goToConditional}
            </Button>
          ) : null}
        </>
      }
    >
      {moved?.serverFrom && status.serverUrl ? (
        <p>{t.movedServer(moved.serverFrom, status.serverUrl)}</p>
      ) : null}
      {moved?.sandboxFrom && status.sandboxUrl ? (
        <p>{t.movedSandbox(moved.sandboxFrom, status.sandboxUrl)}</p>
      ) : null}
      {moved ? <p>{t.movedKept}</p> : null}
      {moved && stale.length > 0 ? <p className="banner__subheading">{t.staleTitle(stale.length)}</p> : null}
      {stale.length > 0 ? (
        <>
          <p>{t.staleIntro}</p>
          <ul className="banner__list sandbox-stale">
            {stale.map((link) => (
              <li key={`${link.conditionalMenuid ?? ""}:${link.name}:${link.url}`}>
                {link.conditionalMenuid ? t.staleConditionalButton(link.name) : t.staleButton(link.name)}
                <code className="sandbox-stale__url">{link.url}</code>
              </li>
            ))}
          </ul>
        </>
      ) : moved && status.staleLinks ? (
        <p>{t.staleNone}</p>
      ) : null}
    </Banner>
  );
}
