export type * from "./desk-api.js";
