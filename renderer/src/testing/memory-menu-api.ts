import type { DeskApi, MenuChange, MenuVersionView, PublishResult } from "@wxdesk/electron/desk-api";
import { type Menu, type MenuButton, validateDeskMenu } from "@wxdesk/wechat/menu";
import type { MemoryDeskState } from "./memory-desk-state.js";

/** Field by field, ignoring the `sub_button: []` that menu/get adds (§7.3). */
function sameAction(a: MenuButton, b: MenuButton): boolean {
  const fields = ["type", "key", "url", "media_id", "article_id", "appid", "pagepath"] as const;
  return fields.every((f) => (a[f] ?? "") === (b[f] ?? ""));
}

function flatten(menu: Menu | null): Array<{ path: string; button: MenuButton }> {
  const out: Array<{ path: string; button: MenuButton }> = [];
  menu?.button.forEach((button, i) => {
    out.push({ path: `button[${i}]`, button });
    button.sub_button?.forEach((sub, j) => {
      out.push({ path: `button[${i}].sub_button[${j}]`, button: sub });
    });
  });
  return out;
}

/** A plain diff by name, good enough to drive the UI in tests (the real one lives in electron/). */
export function memoryMenuDiff(draft: Menu, live: Menu | null): MenuChange[] {
  const changes: MenuChange[] = [];
  const before = flatten(live);
  const after = flatten(draft);
  for (const item of after) {
    const old = before.find((b) => b.button.name === item.button.name);
    const name = item.button.name;
    if (!old) {
      changes.push({
        kind: "added",
        path: item.path,
        name,
        descriptionZh: `新增「${name}」`,
        description: `Added "${name}"`,
      });
    } else if (!sameAction(old.button, item.button)) {
      changes.push({
        kind: "changed",
        path: item.path,
        name,
        descriptionZh: `「${name}」的动作有变化`,
        description: `"${name}" does something else now`,
      });
    } else if (old.path !== item.path) {
      changes.push({
        kind: "moved",
        path: item.path,
        name,
        descriptionZh: `「${name}」换了位置`,
        description: `"${name}" moved`,
      });
    }
  }
  for (const item of before) {
    if (!after.some((a) => a.button.name === item.button.name)) {
      const name = item.button.name;
      changes.push({
        kind: "removed",
        path: item.path,
        name,
        descriptionZh: `删除「${name}」`,
        description: `Removed "${name}"`,
      });
    }
  }
  return changes;
}

export function memoryMenuApi(state: MemoryDeskState): DeskApi["menu"] {
  const forbidIfSupport = () => {
    if (state.role() === "support") {
      throw {
        code: "forbidden",
        message: "Support keys cannot change the menu",
        messageZh: "客服账号不能修改菜单",
      };
    }
  };
  const record = (kind: MenuVersionView["kind"], menu: Menu | null): PublishResult => {
    const version: MenuVersionView = {
      id: state.versions.length + 1,
      kind,
      at: state.now(),
      by: "admin",
      menu,
    };
    state.versions.push(version);
    state.live = menu;
    return { ok: true, versionId: version.id };
  };
  const publish = (menu: Menu, kind: "publish" | "rollback"): PublishResult => {
    forbidIfSupport();
    const problems = validateDeskMenu(menu);
    if (problems.length > 0) return { ok: false, problems };
    return record(kind, menu);
  };

  return {
    live: async () => ({ menu: state.live, conditional: state.conditional }),
    loadDraft: async () => state.draft,
    async saveDraft(menu) {
      state.draft = { menu, savedAt: state.now() };
      return state.draft;
    },
    validate: async (menu) => validateDeskMenu(menu),
    diff: async (draft, live) => memoryMenuDiff(draft, live),
    publish: async (menu) => publish(menu, "publish"),
    async remove() {
      forbidIfSupport();
      state.conditional = [];
      record("delete", null);
    },
    history: async (limit = 20) => [...state.versions].reverse().slice(0, limit),
    async rollback(id) {
      const version = state.versions.find((v) => v.id === id);
      if (!version) throw { code: "not_found", message: "No such version", messageZh: "没有这个版本" };
      if (!version.menu) {
        forbidIfSupport();
        return record("rollback", null);
      }
      return publish(version.menu, "rollback");
    },
    async addConditional(input) {
      forbidIfSupport();
      const menuid = String(100 + state.conditional.length);
      state.conditional.push({ menuid, ...input });
      return { menuid };
    },
    async deleteConditional(menuid) {
      forbidIfSupport();
      state.conditional = state.conditional.filter((c) => c.menuid !== menuid);
    },
    async tryMatch(userId) {
      if (!state.live) throw { code: "wechat_error", message: "menu no exist", messageZh: "还没有菜单" };
      const matched = state.conditional.find((c) => c.menuid === state.matches?.[userId]);
      return { button: matched?.button ?? state.live.button };
    },
  };
}
