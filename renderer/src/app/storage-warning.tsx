import { useT } from "../i18n/use-t.js";
import { Banner } from "../ui/banner.js";
import { Button } from "../ui/button.js";
import { appMessages } from "./app-messages.js";
import { useAppStore } from "./app-store.js";

/**
 * Under the top bar while the active server keeps its users in a Redis without persistence: a Redis
 * restart would lose every authorized user, silently. Plain words for the person at the desk, the
 * setting for whoever runs the server; "check again" asks the server once more (after AOF is on,
 * the banner goes away without restarting anything).
 */
export function StorageWarning() {
  const t = useT(appMessages);
  const connection = useAppStore((s) => s.connection);
  const checkConnection = useAppStore((s) => s.checkConnection);
  const test = connection.test;
  if (!test?.ok || test.storage?.persistence !== "none") return null;
  return (
    <div className="shell__notice">
      <Banner
        kind="warning"
        title={t.storageLossTitle}
        actions={
          <Button size="sm" disabled={connection.checking} onClick={() => void checkConnection()}>
            {t.storageLossRecheck}
          </Button>
        }
      >
        <p>{t.storageLossBody}</p>
        <p>{t.storageLossFix}</p>
      </Banner>
    </div>
  );
}
