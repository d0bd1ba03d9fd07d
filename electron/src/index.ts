export { createDeskHost, type DeskHostDeps } from "./desk/create-desk-host.js";
export { DeskApiError, plainDeskError } from "./desk/desk-api-error.js";
export type { DeskHost, DeskHostOptions } from "./desk/desk-host.js";
export { diffMenus } from "./desk/menu/menu-diff.js";
export type * from "./desk-api.js";
export { isDeskError } from "./shared/desk-error-wire.js";
