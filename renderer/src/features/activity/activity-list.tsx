import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Icon } from "../../ui/icon.js";
import type { DescribedEvent } from "./activity-filter.js";
import { activityMessages } from "./activity-messages.js";
import { ActivityRow } from "./activity-row.js";
import { useActivityStore } from "./activity-store.js";

/** Scrolled further than this from the newest, the user is reading: new events wait behind the pill. */
const HOLD_AFTER_PX = 24;

export interface ActivityListProps {
  /** Newest first. */
  entries: readonly DescribedEvent[];
  /** New events held back while the user reads further down. */
  waiting: number;
}

/** The events as a virtualized list (rows differ in height once opened: each is measured). */
export function ActivityList({ entries, waiting }: ActivityListProps) {
  const t = useT(activityMessages);
  const f = useFormat();
  const { expanded, toggle, hold } = useActivityStore(
    useShallow((s) => ({ expanded: s.expanded, toggle: s.toggle, hold: s.hold })),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 10,
    getItemKey: (index) => entries[index]?.event.id ?? index,
  });
  const today = f.date(Date.now());

  function backToNewest() {
    virtualizer.scrollToOffset(0);
    hold(false);
  }

  return (
    <div className="activity-list">
      {waiting > 0 ? (
        <button type="button" className="activity-list__pill" onClick={backToNewest}>
          <Icon name="arrowUp" size={16} />
          {t.newEvents(waiting)}
        </button>
      ) : null}
      <div
        ref={scrollRef}
        className="activity-list__scroll"
        onScroll={(event) => hold(event.currentTarget.scrollTop > HOLD_AFTER_PX)}
      >
        <ol
          className="activity-list__items plain-list"
          aria-label={t.listLabel}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            return (
              <li
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="activity-list__item"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ActivityRow
                  entry={entry}
                  expanded={expanded.has(entry.event.id)}
                  today={today}
                  onToggle={toggle}
                />
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
