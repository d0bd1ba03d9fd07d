import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore, useCanPublish } from "../../app/app-store.js";
import { useNavStore } from "../../app/nav-store.js";
import { useT } from "../../i18n/use-t.js";
import { Banner } from "../../ui/banner.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyScreen } from "../../ui/empty-state.js";
import { uiMessages } from "../../ui/ui-messages.js";
import { ConditionalAddPanel } from "./conditional-add-panel.js";
import "./conditional.css";
import { ScreenHeader } from "../../ui/screen-header.js";
import { ConditionalMenuList } from "./conditional-menu-list.js";
import { conditionalMessages } from "./conditional-messages.js";
import { useConditionalStore } from "./conditional-store.js";
import { TryMatchPanel } from "./try-match-panel.js";

/** 个性化菜单: the live conditional menus in words, add one, delete one, and which menu a user sees. */
export function ConditionalScreen() {
  const t = useT(conditionalMessages);
  const ui = useT(uiMessages);
  const canPublish = useCanPublish();
  const epoch = useAppStore((s) => s.profileEpoch);
  const navigate = useNavStore((s) => s.navigate);
  const { phase, loadError, hasDefault, load } = useConditionalStore(
    useShallow((s) => ({
      phase: s.phase,
      loadError: s.loadError,
      hasDefault: s.live?.menu != null,
      load: s.load,
    })),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the active profile changes (epoch)
  useEffect(() => {
    if (canPublish) void load();
  }, [epoch, canPublish, load]);

  if (!canPublish) {
    return (
      <EmptyScreen icon="split" title={t.supportTitle}>
        {t.supportBody}
      </EmptyScreen>
    );
  }
  return (
    <div className="screen cond-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle}>
        <Button variant="ghost" icon="redo" busy={phase === "loading"} onClick={() => void load()}>
          {t.refresh}
        </Button>
      </ScreenHeader>
      {phase === "failed" && loadError ? (
        <DeskErrorBanner error={loadError} title={t.loadFailed} onRetry={() => void load()} />
      ) : null}
      {phase === "idle" || (phase === "loading" && !hasDefault) ? (
        <div className="cond-screen__loading" role="status">
          {ui.loading}
        </div>
      ) : null}
      {phase === "ready" && !hasDefault ? (
        <Banner
          kind="warning"
          title={t.noDefaultTitle}
          actions={
            <Button size="sm" variant="primary" onClick={() => navigate("menu")}>
              {t.toMenuEditor}
            </Button>
          }
        >
          {t.noDefaultBody}
        </Banner>
      ) : null}
      {phase === "ready" || (phase === "loading" && hasDefault) ? (
        <div className="cond-screen__columns">
          <div className="cond-screen__main">
            <ConditionalMenuList />
            <ConditionalAddPanel />
          </div>
          <TryMatchPanel />
        </div>
      ) : null}
    </div>
  );
}
