import { menuProblem } from "./menu-problem.js";
import type { MenuProblem } from "./menu-types.js";
import { checkMenuBody } from "./menu-validate.js";

// §7.5: rejected on create since 2021 with 65320, and existing rules holding them stop matching.
const PRIVACY_FIELDS = ["sex", "country", "province", "city", "language"] as const;
const CLIENT_PLATFORMS: ReadonlySet<string> = new Set(["1", "2", "3"]);

function isSet(value: unknown): boolean {
  // WeChat treats "" as "not set" (SDKs send unused fields as empty strings).
  return value !== undefined && value !== null && value !== "";
}

/**
 * Checks a conditional-menu `matchrule` (§7.5) and returns every problem with paths like `matchrule.city`.
 * Privacy fields are reported before the region order rules (65310/65311): removing them, which 65320
 * demands anyway, also resolves the order problems, so that is the first thing to tell the user.
 */
export function validateMatchRule(rule: unknown): MenuProblem[] {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
    return [menuProblem("matchrule", "matchrule_not_object", 47001)];
  }
  const r = rule as Record<string, unknown>;
  const problems: MenuProblem[] = [];
  const known = ["tag_id", "client_platform_type", ...PRIVACY_FIELDS];
  if (!known.some((field) => isSet(r[field]))) {
    return [menuProblem("matchrule", "matchrule_empty", 65304)];
  }
  for (const field of PRIVACY_FIELDS) {
    if (isSet(r[field])) {
      problems.push(menuProblem(`matchrule.${field}`, "privacy_field", 65320, { detail: field }));
    }
  }
  if (isSet(r.province) && !isSet(r.country)) {
    problems.push(menuProblem("matchrule.province", "province_without_country", 65310));
  }
  if (isSet(r.city) && !isSet(r.province)) {
    problems.push(menuProblem("matchrule.city", "city_without_province", 65311));
  }
  // No errcode is documented for a malformed platform or tag value; 47001 "data format error" is used [?].
  const platform = r.client_platform_type;
  if (isSet(platform) && !(typeof platform === "string" && CLIENT_PLATFORMS.has(platform))) {
    problems.push(
      menuProblem("matchrule.client_platform_type", "client_platform_invalid", 47001, {
        value: String(platform),
      }),
    );
  }
  const tagId = r.tag_id;
  if (isSet(tagId) && !(typeof tagId === "string" && /^\d+$/.test(tagId))) {
    problems.push(menuProblem("matchrule.tag_id", "tag_id_invalid", 47001, { value: String(tagId) }));
  }
  return problems;
}

/** Checks a whole `menu/addconditional` body: the buttons (§7.1) and the matchrule (§7.5). */
export function validateConditionalMenu(input: unknown): MenuProblem[] {
  const problems = checkMenuBody(input).problems;
  if (typeof input !== "object" || input === null || Array.isArray(input)) return problems;
  const rule = (input as Record<string, unknown>).matchrule;
  if (rule === undefined) return [...problems, menuProblem("matchrule", "matchrule_empty", 65304)];
  return [...problems, ...validateMatchRule(rule)];
}
