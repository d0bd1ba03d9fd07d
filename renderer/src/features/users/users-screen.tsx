import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useAppStore } from "../../app/app-store.js";
import { useNavStore } from "../../app/nav-store.js";
import { useFormat, useT } from "../../i18n/use-t.js";
import { Button } from "../../ui/button.js";
import { DeskErrorBanner } from "../../ui/desk-error-banner.js";
import { EmptyState } from "../../ui/empty-state.js";
import { UserDetailPanel } from "./user-detail-panel.js";
import { useUserDetailStore } from "./user-detail-store.js";
import { countSummary } from "./users-count.js";
import { UsersExportButton, UsersExportNote } from "./users-export.js";
import { usersMessages } from "./users-messages.js";
import { isNarrowed } from "./users-query.js";
import { selectHasMore, useUsersStore } from "./users-store.js";
import { UsersTable } from "./users-table.js";
import { UsersToolbar } from "./users-toolbar.js";
import "./users.css";
import { ScreenHeader } from "../../ui/screen-header.js";

/** Users & tokens: who authorized, the state of their tokens, and what support can do about it. */
export function UsersScreen() {
  const t = useT(usersMessages);
  const f = useFormat();
  const epoch = useAppStore((s) => s.profileEpoch);
  const navigate = useNavStore((s) => s.navigate);
  const userToOpen = useNavStore((s) => s.userToOpen);
  const { rows, total, loaded, loading, error, hasMore, narrowed, search, loadMore, clearQuery } =
    useUsersStore(
      useShallow((s) => ({
        rows: s.rows,
        total: s.total,
        loaded: s.loaded,
        loading: s.loading,
        error: s.error,
        hasMore: selectHasMore(s),
        narrowed: isNarrowed(s.query),
        search: s.search,
        loadMore: s.loadMore,
        clearQuery: s.clearQuery,
      })),
    );
  const openid = useUserDetailStore((s) => s.openid);

  // Another account chosen at the top: its users, from the first page, nothing selected (unless a user
  // was asked for: the next effect shows them). Its live events keep the list and the count current.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the profile epoch is the trigger, not an input
  useEffect(() => {
    if (useNavStore.getState().userToOpen === undefined) {
      void useUserDetailStore.getState().select(undefined);
      void useUsersStore.getState().search();
    }
    return useUsersStore.getState().followLive();
  }, [epoch]);
  // A user asked for from 动态 or a sign-in toast: found by openid, their detail open.
  useEffect(() => {
    if (userToOpen === undefined) return;
    const openid = useNavStore.getState().takeUserToOpen();
    if (openid === undefined) return;
    useUsersStore.getState().showUser(openid);
    void useUserDetailStore.getState().select(openid);
  }, [userToOpen]);
  useEffect(
    () => () => {
      useUsersStore.getState().reset();
      useUserDetailStore.getState().reset();
    },
    [],
  );
  // Esc closes the detail panel (unless a dialog already handled it).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (useUserDetailStore.getState().openid !== undefined)
        void useUserDetailStore.getState().select(undefined);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const empty = loaded && rows.length === 0 && !hasMore && !error;
  const summary = countSummary(t, f.number, { shown: rows.length, total, hasMore, narrowed });

  return (
    <div className="screen users-screen">
      <ScreenHeader title={t.title} subtitle={t.subtitle}>
        <UsersExportButton />
      </ScreenHeader>
      <UsersToolbar />
      <UsersExportNote />
      {error ? (
        <DeskErrorBanner
          error={error}
          title={t.loadFailed}
          onRetry={() => void (rows.length > 0 && hasMore ? loadMore() : search())}
        />
      ) : null}
      <div className={`users-layout ${openid ? "users-layout--detail" : ""}`}>
        <section className="panel users-list" aria-busy={loading}>
          <div className="users-list__summary" role="status">
            {loading && rows.length === 0 ? t.searching : summary}
          </div>
          {empty ? (
            narrowed ? (
              <EmptyState
                icon="users"
                title={t.noMatchTitle}
                action={<Button onClick={clearQuery}>{t.clearFilters}</Button>}
              >
                {t.noMatchBody}
              </EmptyState>
            ) : (
              <EmptyState
                icon="users"
                title={t.emptyTitle}
                action={
                  <Button variant="primary" icon="link" onClick={() => navigate("links")}>
                    {t.emptyAction}
                  </Button>
                }
              >
                {t.emptyBody}
              </EmptyState>
            )
          ) : (
            <UsersTable />
          )}
        </section>
        {openid ? <UserDetailPanel /> : null}
      </div>
    </div>
  );
}
