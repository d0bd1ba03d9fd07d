import type { DeskMethod } from "../desk-api.js";

/**
 * Every DeskApi method once, as the "namespace.method" names both transports route on (preload IPC and
 * the web bridge) and the preload / bridge script build `window.wxdesk` from.
 *
 * `satisfies Record<DeskMethod, true>` is the point: a method added to `DeskApi` but not listed here,
 * or listed here but gone from `DeskApi`, fails the typecheck — the list cannot drift from the type.
 */
const METHOD_TABLE = {
  "app.info": true,
  "app.saveSettings": true,
  "profiles.list": true,
  "profiles.add": true,
  "profiles.edit": true,
  "profiles.remove": true,
  "profiles.setActive": true,
  "profiles.testConnection": true,
  "profiles.clearTokenCache": true,
  "serviceKeys.list": true,
  "serviceKeys.create": true,
  "serviceKeys.revoke": true,
  "apps.list": true,
  "apps.create": true,
  "apps.rotateSecret": true,
  "apps.remove": true,
  "menu.live": true,
  "menu.loadDraft": true,
  "menu.saveDraft": true,
  "menu.validate": true,
  "menu.diff": true,
  "menu.publish": true,
  "menu.remove": true,
  "menu.history": true,
  "menu.rollback": true,
  "menu.addConditional": true,
  "menu.deleteConditional": true,
  "menu.tryMatch": true,
  "links.build": true,
  "links.qr": true,
  "links.check": true,
  "users.search": true,
  "users.get": true,
  "users.check": true,
  "users.refresh": true,
  "users.repull": true,
  "users.exportCsv": true,
  "replies.get": true,
  "replies.save": true,
  "activity.recent": true,
  "activity.status": true,
  "sandbox.status": true,
  "sandbox.start": true,
  "sandbox.stop": true,
  "sandbox.users": true,
  "sandbox.consentUrl": true,
  "sandbox.tapMenu": true,
} as const satisfies Record<DeskMethod, true>;

export const DESK_METHODS: readonly DeskMethod[] = Object.freeze(Object.keys(METHOD_TABLE) as DeskMethod[]);

const KNOWN = new Set<string>(DESK_METHODS);

/** Whether a name that arrived over a transport (IPC, HTTP) is a real method — checked before routing. */
export function isDeskMethod(name: unknown): name is DeskMethod {
  return typeof name === "string" && KNOWN.has(name);
}
