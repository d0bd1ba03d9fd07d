/** Menus per app (§7): one default menu plus conditional menus, newest last. */
export interface StoredConditionalMenu {
  button: unknown[];
  matchrule: Record<string, unknown>;
  menuid: number;
}

export interface AppMenus {
  defaultMenu?: { button: unknown[]; menuid: number };
  conditional: StoredConditionalMenu[];
}

/** The menus as plain data (a saved sandbox, sandbox/src/persist/). */
export interface MenuSnapshot {
  nextId: number;
  apps: Array<{ appid: string } & AppMenus>;
}

// Menu ids look like WeChat's (nine digits, §7.3) and are deterministic per sandbox.
const FIRST_MENU_ID = 208396938;

export class MenuStore {
  private readonly apps = new Map<string, AppMenus>();
  private nextId = FIRST_MENU_ID;

  clear(): void {
    this.apps.clear();
    this.nextId = FIRST_MENU_ID;
  }

  /** menu/create replaces the default menu; conditional menus stay. */
  setDefault(appid: string, button: unknown[]): number {
    const menuid = this.nextId++;
    this.menus(appid).defaultMenu = { button, menuid };
    return menuid;
  }

  getDefault(appid: string): { button: unknown[]; menuid: number } | undefined {
    return this.apps.get(appid)?.defaultMenu;
  }

  conditional(appid: string): readonly StoredConditionalMenu[] {
    return this.apps.get(appid)?.conditional ?? [];
  }

  /** menu/delete removes the default menu and every conditional menu (§7). */
  deleteAll(appid: string): void {
    this.apps.delete(appid);
  }

  addConditional(appid: string, button: unknown[], matchrule: Record<string, unknown>): number {
    const menuid = this.nextId++;
    this.menus(appid).conditional.push({ button, matchrule, menuid });
    return menuid;
  }

  deleteConditional(appid: string, menuid: number): boolean {
    const menus = this.apps.get(appid);
    if (!menus) return false;
    const index = menus.conditional.findIndex((m) => m.menuid === menuid);
    if (index < 0) return false;
    menus.conditional.splice(index, 1);
    return true;
  }

  snapshot(): MenuSnapshot {
    return { nextId: this.nextId, apps: [...this.apps].map(([appid, menus]) => ({ appid, ...menus })) };
  }

  restore(snapshot: MenuSnapshot): void {
    this.clear();
    for (const { appid, ...menus } of snapshot.apps) this.apps.set(appid, menus);
    // Never hand out an id again, even if the saved counter was behind a saved menu.
    const ids = snapshot.apps.flatMap((a) => [
      ...(a.defaultMenu ? [a.defaultMenu.menuid] : []),
      ...a.conditional.map((c) => c.menuid),
    ]);
    this.nextId = Math.max(FIRST_MENU_ID, snapshot.nextId, ...ids.map((id) => id + 1));
  }

  private menus(appid: string): AppMenus {
    let menus = this.apps.get(appid);
    if (!menus) {
      menus = { conditional: [] };
      this.apps.set(appid, menus);
    }
    return menus;
  }
}
