import { useVirtualizer } from "@tanstack/react-virtual";
import type { UserRow } from "@wxdesk/electron/desk-api";
import { type KeyboardEvent, memo, useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { useFormat, useT } from "../../i18n/use-t.js";
import { CopyButton } from "./copy-button.js";
import { tokenMessages } from "./token-messages.js";
import { STATE_TAG_CLASS, scopeWords, stateWords } from "./token-words.js";
import { useNow } from "./use-now.js";
import { UserAvatar } from "./user-avatar.js";
import { useUserDetailStore } from "./user-detail-store.js";
import { usersMessages } from "./users-messages.js";
import { selectHasMore, useUsersStore } from "./users-store.js";

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;
/** Ask for the next page this many rows before the end, so rows are there before the user reaches them. */
const PREFETCH_ROWS = 40;

/**
 * The user list as a real table, virtualized: only the rows in view (plus a few) are in the DOM, spacer
 * rows stand in for the rest, so 100,000 users scroll like 50. Pages load as the end comes near.
 */
export function UsersTable() {
  const t = useT(usersMessages);
  const { rows, hasMore, loading, loadMore, listId } = useUsersStore(
    useShallow((s) => ({
      rows: s.rows,
      hasMore: selectHasMore(s),
      loading: s.loading,
      loadMore: s.loadMore,
      listId: s.listId,
    })),
  );
  const selected = useUserDetailStore((s) => s.openid);
  // With the detail panel open, the panel says how and when: the table keeps who and the state.
  const compact = selected !== undefined;
  const columns = compact ? 4 : 6;
  const select = useUserDetailStore((s) => s.select);
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.openid ?? "more",
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // A new search's list starts at its top. Its first render still has the old scroll position: no
  // prefetch from there (it would fetch page after page of the new list for rows nobody looked at).
  const shownList = useRef(listId);
  useEffect(() => {
    let last = lastIndex;
    if (shownList.current !== listId) {
      shownList.current = listId;
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
      virtualizer.scrollToOffset(0);
      // The last row in view once back at the top (a sparse filter's first page may be short).
      last = Math.ceil((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT);
    }
    if (hasMore && !loading && last >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [listId, hasMore, loading, lastIndex, rows.length, loadMore, virtualizer]);

  // ↑/↓ on a row's name button moves the selection (and the detail panel) to the next user.
  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const from = Number((event.target as HTMLElement).closest("tr")?.dataset.index);
    if (!Number.isInteger(from)) return;
    const to = from + (event.key === "ArrowDown" ? 1 : -1);
    const next = rows[to];
    if (!next) return;
    event.preventDefault();
    void select(next.openid);
    virtualizer.scrollToIndex(to);
    requestAnimationFrame(() => {
      scrollRef.current
        ?.querySelector<HTMLButtonElement>(`tr[data-index="${to}"] .users-table__name`)
        ?.focus();
    });
  }

  const top = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? HEADER_HEIGHT);
  return (
    <div ref={scrollRef} className="users-table__scroll">
      <table className="users-table" aria-label={t.tableLabel} aria-rowcount={hasMore ? -1 : rows.length + 1}>
        <colgroup>
          <col className="users-table__col-avatar" />
          <col className="users-table__col-name" />
          <col className="users-table__col-openid" />
          {compact ? null : (
            <>
              <col className="users-table__col-scope" />
              <col className="users-table__col-time" />
            </>
          )}
          <col className="users-table__col-state" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
            <th scope="col">
              <span className="visually-hidden">{t.colAvatar}</span>
            </th>
            <th scope="col">{t.colNickname}</th>
            <th scope="col">{t.colOpenid}</th>
            {compact ? null : (
              <>
                <th scope="col">{t.colScope}</th>
                <th scope="col">{t.colLastAuthorized}</th>
              </>
            )}
            <th scope="col">{t.colTokenState}</th>
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {top > 0 ? <SpacerRow height={top} columns={columns} /> : null}
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <UserTableRow
                key={item.key}
                row={row}
                index={item.index}
                selected={row.openid === selected}
                now={now}
                compact={compact}
                onSelect={select}
              />
            ) : (
              <tr key={item.key} className="users-table__more" style={{ height: ROW_HEIGHT }}>
                <td colSpan={columns}>
                  <span className="spinner" aria-hidden="true" /> {t.loadingMore}
                </td>
              </tr>
            );
          })}
          {bottom > 0 ? <SpacerRow height={bottom} columns={columns} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="users-table__spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

interface UserTableRowProps {
  row: UserRow;
  index: number;
  selected: boolean;
  now: number;
  compact: boolean;
  onSelect(openid: string): void;
}

const UserTableRow = memo(function UserTableRow({
  row,
  index,
  selected,
  now,
  compact,
  onSelect,
}: UserTableRowProps) {
  const t = useT(usersMessages);
  const tt = useT(tokenMessages);
  const f = useFormat();
  const scope = scopeWords(tt, row.scope);
  const state = stateWords(tt, row.tokenState);
  return (
    // The whole row answers a click for mouse users; the name button is the keyboard path.
    <tr
      className={`users-table__row ${selected ? "users-table__row--selected" : ""}`}
      data-index={index}
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ height: ROW_HEIGHT }}
      onClick={() => void onSelect(row.openid)}
    >
      <td className="users-table__avatar">
        <UserAvatar url={row.headimgurl} nickname={row.nickname} />
      </td>
      <td>
        <button
          type="button"
          className="users-table__name"
          aria-current={selected ? "true" : undefined}
          title={row.nickname ? undefined : t.noNicknameHint}
          onClick={(event) => {
            event.stopPropagation();
            void onSelect(row.openid);
          }}
        >
          {row.nickname ?? <span className="users-table__none">{t.noNickname}</span>}
        </button>
      </td>
      <td>
        <span className="users-table__openid">
          <code>{row.openid}</code>
          <CopyButton text={row.openid} label={t.copyOpenid} />
        </span>
      </td>
      {compact ? null : (
        <>
          <td title={scope.hint}>{scope.label}</td>
          <td title={f.dateTime(row.lastAuthorizedAt)}>{f.relative(row.lastAuthorizedAt, now)}</td>
        </>
      )}
      <td>
        <span className={STATE_TAG_CLASS[row.tokenState]} title={state.hint}>
          {state.label}
        </span>
      </td>
    </tr>
  );
});
