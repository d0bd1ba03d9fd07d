import { useEffect, useMemo } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useFormat, useLang, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyState } from "../../ui/empty-state.js";
import { shownEvents } from "./activity-filter.js";
import { ActivityList } from "./activity-list.js";
import { activityMessages } from "./activity-messages.js";
import { ActivityStatusView } from "./activity-status.js";
import { MAX_EVENTS, useActivityStore } from "./activity-store.js";
import { ActivityToolbar } from "./activity-toolbar.js";
import { eventMessages } from "./event-messages.js";
import { describeEvent, nicknamesOf } from "./event-words.js";
import "./activity.css";
import { ScreenHeader } from "../../ui/screen-header.js";

/** The live activity of the active account: what happened, in words, newest first. */
export function ActivityScreen() {
  const t = useT(activityMessages);
  const words = useT(eventMessages);
  const zh = useLang() === "zh-CN";
  const f = useFormat();
  const epoch = useAppStore((s) => s.profileEpoch);
  const { events, loaded, error, filter, heldAt, clearFilter } = useActivityStore(
    useShallow((s) => ({
      events: s.events,
      loaded: s.loaded,
      error: s.error,
      filter: s.filter,
      heldAt: s.heldAt,
      clearFilter: s.clearFilter,
    })),
  );

  // History + live events for the active account; a profile switch starts over, leaving stops it all.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the profile epoch is the trigger, not an input
  useEffect(() => useActivityStore.getState().start(), [epoch]);
  useEffect(() => () => useActivityStore.getState().reset(), []);

  // Words are made when shown (the language can change at any moment), never kept in the store.
  const described = useMemo(() => {
    const names = nicknamesOf(events);
    return events.map((event) => ({ event, line: describeEvent(event, words, zh, names) }));
  }, [events, words, zh]);
  const { shown, waiting } = useMemo(
    () => shownEvents(described, filter, heldAt),
    [described, filter, heldAt],
  );

  return (
    <div className="screen activity-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle}>
        <ActivityStatusView />
      </ScreenHeader>
      <ActivityToolbar />
      {error ? (
        <DeskErrorBanner
          error={error}
          title={t.historyFailed}
          onRetry={() => void useActivityStore.getState().start()}
        />
      ) : null}
      <section className="panel activity-panel">
        {loaded && events.length === 0 ? (
          <EmptyState icon="activity" title={t.emptyTitle}>
            {t.emptyBody}
          </EmptyState>
        ) : loaded && shown.length === 0 && waiting === 0 ? (
          <EmptyState
            icon="activity"
            title={t.noMatchTitle}
            action={<Button onClick={clearFilter}>{t.clearFilter}</Button>}
          >
            {t.noMatchBody}
          </EmptyState>
        ) : (
          <ActivityList entries={shown} waiting={waiting} />
        )}
        <div className="activity-panel__footer">
          {t.counted(f.number(shown.length), f.number(MAX_EVENTS))}
        </div>
      </section>
    </div>
  );
}
