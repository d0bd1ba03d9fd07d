export { createDeskApi, type DeskHostDeps } from "./desk/create-desk-api.js";
export { DeskApiError, isDeskError, plainDeskError } from "./desk/desk-api-error.js";
export type { DeskApiOptions, DeskHost } from "./desk/desk-host.js";
export { diffMenus } from "./desk/menu/menu-diff.js";
export type * from "./desk-api.js";
