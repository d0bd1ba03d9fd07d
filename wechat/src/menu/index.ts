export { validateConditionalMenu, validateMatchRule } from "./match-rule-validate.js";
export { type ActionField, MENU_BUTTON_TABLE, type MenuButtonTypeRow } from "./menu-button-table.js";
export { checkDeskRules, validateDeskMenu } from "./menu-desk-rules.js";
export { MENU_LIMITS, utf8ByteLength } from "./menu-limits.js";
export { normalizeMenuForGet } from "./menu-normalize.js";
export { menuErrcode } from "./menu-problem.js";
export type {
  ConditionalMenuInput,
  MatchRule,
  Menu,
  MenuButton,
  MenuButtonType,
  MenuGetResult,
  MenuProblem,
  SelfMenuInfo,
} from "./menu-types.js";
export { MENU_BUTTON_TYPES } from "./menu-types.js";
export { validateMenu } from "./menu-validate.js";
