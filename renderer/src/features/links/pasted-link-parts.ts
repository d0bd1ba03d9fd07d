import type { LinkCheck } from "@wxdesk/electron/desk-api";
import { type BilingualText, both } from "../../i18n/define-messages.js";
import { pastedLinkMessages as words } from "./pasted-link-messages.js";

/** Pieces of checkPastedLink (pasted-link-check.ts): reading the link's parameters (§1.1) — names, order, encoding. */

/** §1.1: the documented order, also the names WeChat matches case-sensitively. */
const ORDER = ["appid", "redirect_uri", "response_type", "scope", "state"] as const;
const KNOWN: ReadonlySet<string> = new Set(ORDER);
/** Misspellings seen in the wild, beyond a wrong case. */
const TYPOS: Readonly<Record<string, string>> = { redirect_url: "redirect_uri", app_id: "appid" };
/** WxJava adds it (§1.1); harmless. */
const IGNORED: ReadonlySet<string> = new Set(["connect_redirect"]);

/** A parameter of an authorize link, under any case or known misspelling. */
export function isAuthorizeParam(name: string): boolean {
  const lower = name.toLowerCase();
  return KNOWN.has(lower) || TYPOS[lower] !== undefined;
}

export function check(code: string, level: LinkCheck["level"], text: BilingualText): LinkCheck {
  return { code, level, messageZh: text.zh, message: text.en };
}

export interface RawParam {
  name: string;
  raw: string;
}

export function splitLink(link: string): { base: string; params: RawParam[]; fragment?: string } {
  const hashAt = link.indexOf("#");
  const beforeHash = hashAt === -1 ? link : link.slice(0, hashAt);
  const fragment = hashAt === -1 ? undefined : link.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf("?");
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? "" : beforeHash.slice(queryAt + 1);
  const params = query
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1 ? { name: part, raw: "" } : { name: part.slice(0, eq), raw: part.slice(eq + 1) };
    });
  return fragment === undefined ? { base, params } : { base, params, fragment };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const isHttpUrl = (value: string) => /^https?:\/\/[^/]/i.test(value);

/** The host an admin means by a 网页授权域名 setting, and whether the setting holds more than a host. */
export function readDomainSetting(setting: string): { host: string; extra: boolean } | undefined {
  const value = setting.trim();
  if (value === "") return undefined;
  const url = parseUrl(value.includes("://") ? value : `http://${value}`);
  if (!url || url.hostname === "") return undefined;
  const extra = value.includes("://") || url.port !== "" || url.pathname !== "/" || value.endsWith("/");
  return { host: url.hostname.toLowerCase(), extra };
}

/** Parameter names: wrong case and misspellings reported, then read under their right name. */
export function canonicalNames(params: RawParam[], checks: LinkCheck[]): RawParam[] {
  return params.map(({ name, raw }) => {
    if (KNOWN.has(name) || IGNORED.has(name)) return { name, raw };
    const lower = name.toLowerCase();
    if (KNOWN.has(lower)) {
      checks.push(
        check(
          "param_case",
          "error",
          both(words, (m) => m.paramCase(name, lower)),
        ),
      );
      return { name: lower, raw };
    }
    const typo = TYPOS[lower];
    if (typo) {
      checks.push(
        check(
          "param_name",
          "error",
          both(words, (m) => m.paramTypo(name, typo)),
        ),
      );
      return { name: typo, raw };
    }
    return { name, raw };
  });
}

export function checkOrder(params: RawParam[], checks: LinkCheck[]): void {
  const seen = params.map((p) => p.name).filter((name, i, all) => KNOWN.has(name) && all.indexOf(name) === i);
  const expected = ORDER.filter((name) => seen.includes(name));
  if (seen.join() !== expected.join()) {
    checks.push(
      check(
        "param_order",
        "warning",
        both(words, (m) => m.paramOrder(seen.join(", "))),
      ),
    );
  }
}

/** redirect_uri: encoded once (§1.1). Returns the address WeChat would send users back to. */
export function checkEncoding(raw: string, params: RawParam[], checks: LinkCheck[]): string {
  const once = safeDecode(raw);
  // A %25 is fine inside a properly encoded address (an encoded % in its own query); it is double
  // encoding when the once-decoded value is itself still an encoded address (https%3A%2F%2F…).
  if (/%25/i.test(raw) && !isHttpUrl(once)) {
    checks.push(
      check(
        "double_encoded",
        "error",
        both(words, (m) => m.doubleEncoded),
      ),
    );
    return safeDecode(once);
  }
  if (/:\/\/|\//.test(raw)) {
    // Unencoded, the address's own `&a=1` became parameters of the authorize link.
    const lost = params.filter((p) => !KNOWN.has(p.name) && !IGNORED.has(p.name)).map((p) => p.name);
    checks.push(
      lost.length > 0
        ? check(
            "not_encoded",
            "error",
            both(words, (m) => m.notEncodedLost(lost.join(", "))),
          )
        : check(
            "not_encoded",
            "warning",
            both(words, (m) => m.notEncoded),
          ),
    );
  }
  return once;
}
