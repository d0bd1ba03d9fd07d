export * from "./authorize/index.js";
export * from "./client/index.js";
export * from "./errors/index.js";
export * from "./jssdk/index.js";
export * from "./menu/index.js";
export * from "./messages/index.js";
export * from "./replies/index.js";
