/** Menus per app (§7): one default menu plus conditional menus, newest last. */
export interface StoredConditionalMenu {
  button: unknown[];
  matchrule: Record<string, unknown>;
  menuid: number;
}

interface AppMenus {
  defaultMenu?: { button: unknown[]; menuid: number };
  conditional: StoredConditionalMenu[];
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

  private menus(appid: string): AppMenus {
    let menus = this.apps.get(appid);
    if (!menus) {
      menus = { conditional: [] };
      this.apps.set(appid, menus);
    }
    return menus;
  }
}
