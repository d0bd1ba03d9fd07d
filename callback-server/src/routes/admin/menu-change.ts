import type { Menu } from "@wxdesk/wechat";
import type { FastifyBaseLogger } from "fastify";
import type { AppContext } from "../../app-context.js";
import type { MenuChangeKind } from "../../store/store-types.js";

/** A history entry as the admin API shows it (docs/admin-api.md `MenuVersion`). */
export interface MenuVersionView {
  id: number;
  kind: MenuChangeKind;
  at: number;
  by: string;
  menu: Menu | null;
  rollbackOf?: number;
}

export interface MenuChange {
  kind: MenuChangeKind;
  /** The default menu to publish; null = delete the menu (§7: which also removes every conditional menu). */
  menu: Menu | null;
  rollbackOf?: number;
}

/**
 * Covers the WeChat call with the client's retries (3 × 5 s + backoff) and a global-token fetch that
 * may itself wait for its lock; a holder that dies frees the lock after this.
 */
const LOCK_TTL_MS = 60_000;
const LOCK_WAIT_MS = 20_000;

/**
 * Publishes (menu/create) or deletes (menu/delete) the default menu with the global token, then
 * records the version. One change at a time across every instance (`store.withLock`), so the order
 * of the history is the order WeChat saw: the newest version is what the account shows.
 * Nothing is recorded when WeChat refuses: the WeChatApiError goes to the error handler (502).
 */
export async function applyMenuChange(
  ctx: AppContext,
  change: MenuChange,
  by: string,
  log: FastifyBaseLogger,
): Promise<MenuVersionView> {
  const version = await ctx.store.withLock(
    "menu-change",
    LOCK_TTL_MS,
    async () => {
      const { menu } = change;
      await ctx.globalTokens.withAccessToken((token) =>
        menu ? ctx.wechat.createMenu(token, menu) : ctx.wechat.deleteMenu(token),
      );
      const at = ctx.clock.now();
      const extra = change.rollbackOf === undefined ? {} : { rollbackOf: change.rollbackOf };
      const id = await ctx.store.addMenuVersion({ kind: change.kind, menu, by, at, ...extra });
      return { id, kind: change.kind, at, by, menu, ...extra };
    },
    { waitMs: LOCK_WAIT_MS },
  );
  // The menu itself stays out of the event (the event bus drops every field named `key`, which would
  // maim click buttons); the desktop reads the version from the history.
  await ctx.events
    .publish("menu", {
      kind: version.kind,
      versionId: version.id,
      by,
      ...(version.rollbackOf === undefined ? {} : { rollbackOf: version.rollbackOf }),
      buttons: version.menu?.button.length ?? 0,
    })
    .catch((error: unknown) => {
      // The change is made and recorded; a lost activity entry must not turn it into an error answer.
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "menu event not published");
    });
  return version;
}
