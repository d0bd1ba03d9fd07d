import type { LinkCheck } from "@wxdesk/electron/desk-api";
import { checkAuthorizeLinkInput, type OAuthScope, parseAuthorizeUrl } from "@wxdesk/wechat/authorize";
import { both } from "../../i18n/define-messages.js";
import { pastedLinkMessages as words } from "./pasted-link-messages.js";
import {
  canonicalNames,
  check,
  checkEncoding,
  checkOrder,
  isAuthorizeParam,
  parseUrl,
  readDomainSetting,
  splitLink,
} from "./pasted-link-parts.js";

export interface PastedLinkContext {
  /**
   * The account's 网页授权域名 as the admin has it (prefilled with the callback server's host). A redirect
   * to any other host is WeChat's error page 10003 (§1.1).
   */
  authorizedDomain?: string;
  /** The local sandbox's origin: its authorize page stands in for WeChat's. */
  sandboxOrigin?: string;
}

/** What the link asks for, as far as it could be read. */
export interface PastedLinkSummary {
  appid?: string;
  scope?: string;
  /** The return address once decoded (twice when it was double-encoded). */
  redirectUri?: string;
  state?: string;
  /** A start link's callback server (its host). */
  server?: string;
  /** The page users land on afterwards (a start link's plain `next`, or what the server read). */
  next?: string;
}

/**
 * `start`: a callback server's own start link (`…/oauth/start?link=…` or `?scope=&next=`), which sends
 * users on to WeChat itself; `authorize`: a WeChat authorize link (or one with its parameters);
 * `other`: not a link, or a page that is no authorize link at all.
 */
export type PastedLinkKind = "start" | "authorize" | "other";

export interface PastedLinkReport {
  kind: PastedLinkKind;
  /** Errors first, then warnings; empty when nothing is wrong. */
  checks: LinkCheck[];
  summary?: PastedLinkSummary;
}

/** §1.4: the error page WeChat shows when each is missing. */
const MISSING_ERRCODE = { appid: 10012, redirect_uri: 10011, scope: 10010 } as const;
const WECHAT_HOST = "open.weixin.qq.com";
const AUTHORIZE_PATH = "/connect/oauth2/authorize";

function checkRedirectHost(
  redirectUri: string,
  onWechat: boolean,
  context: PastedLinkContext,
  checks: LinkCheck[],
): void {
  const url = parseUrl(redirectUri);
  if (!url || !/^https?:$/.test(url.protocol)) return;
  const host = url.hostname.toLowerCase();
  const domain = readDomainSetting(context.authorizedDomain ?? "");
  if (domain?.extra) {
    const value = (context.authorizedDomain ?? "").trim();
    checks.push(
      check(
        "domain_has_path",
        "error",
        both(words, (m) => m.domainHasPath(value, domain.host)),
      ),
    );
  }
  if (domain && domain.host !== host) {
    checks.push(
      check(
        "redirect_domain",
        "error",
        both(words, (m) => m.redirectDomain(host, domain.host)),
      ),
    );
  }
  // Only WeChat itself insists on the default ports; the sandbox accepts loopback on any port.
  if (onWechat && url.port !== "") {
    checks.push(
      check(
        "redirect_port",
        "warning",
        both(words, (m) => m.redirectPort(url.port)),
      ),
    );
  }
}

/** An address quoted in a message: enough to recognise it, not a screenful. */
function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The page the link opens: WeChat's authorize page (or the local sandbox's stand-in). */
function checkPage(url: URL, context: PastedLinkContext, checks: LinkCheck[]): boolean {
  const sandbox = context.sandboxOrigin ? parseUrl(context.sandboxOrigin)?.origin : undefined;
  const onWechat = url.hostname.toLowerCase() === WECHAT_HOST;
  if (url.pathname === "/connect/qrconnect") {
    checks.push(
      check(
        "website_login_link",
        "error",
        both(words, (m) => m.websiteLogin),
      ),
    );
  } else if ((!onWechat && url.origin !== sandbox) || url.pathname !== AUTHORIZE_PATH) {
    const where = shorten(`${url.host}${url.pathname}`);
    checks.push(
      check(
        "not_authorize_page",
        "error",
        both(words, (m) => m.notAuthorizePage(where)),
      ),
    );
  }
  return onWechat;
}

const LEVEL_ORDER: Record<LinkCheck["level"], number> = { error: 0, warning: 1 };

/** Errors first, then warnings, each kept in the order found. */
export function byLevel(checks: readonly LinkCheck[]): LinkCheck[] {
  return [...checks].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

/** The callback server's path that starts an authorization (start-route.ts): not WeChat's page, so none of §1.1 applies. */
export function isStartLink(url: URL): boolean {
  return /^https?:$/.test(url.protocol) && url.pathname.endsWith("/oauth/start");
}

/**
 * Whether only the callback server can tell if the link works: its start links and authorize links that
 * return to its `/oauth/callback` carry its signature and its `next` rules (links.check asks it).
 */
export function needsServerCheck(input: string): boolean {
  const url = parseUrl(input.trim());
  if (!url) return false;
  if (isStartLink(url)) return true;
  const redirect = parseUrl(url.searchParams.get("redirect_uri") ?? "");
  return redirect?.pathname.endsWith("/oauth/callback") === true;
}

/**
 * A start link is the server's own address: WeChat sees only the authorize link the server makes from it,
 * so the one thing to check here is that the server's host is the 网页授权域名 (§1.1, page 10003). Its
 * signature and target page are checked by the server (needsServerCheck).
 */
function checkStartLink(url: URL, context: PastedLinkContext): PastedLinkReport {
  const checks: LinkCheck[] = [];
  checkRedirectHost(url.href, false, context, checks);
  const summary: PastedLinkSummary = { server: url.host };
  if (!url.searchParams.has("link")) {
    summary.scope = url.searchParams.get("scope") ?? "snsapi_base";
    summary.next = url.searchParams.get("next") ?? "/";
  }
  return { kind: "start", checks: byLevel(checks), summary };
}

/**
 * Checks an authorize link an admin got from elsewhere for what breaks links in practice (§1.1, §1.2,
 * §1.4): a return address outside the authorized domain (10003), a path in the domain setting, double or
 * missing encoding, a missing `#wechat_redirect`, parameters in the wrong order or case, a bad state, the
 * wrong scope, and `snsapi_userinfo` straight from a menu (the snapshot page). A callback server's start
 * link is no WeChat link: only its host is compared here. Pure: nothing is fetched.
 */
export function checkPastedLink(input: string, context: PastedLinkContext = {}): PastedLinkReport {
  const link = input.trim();
  const url = parseUrl(link);
  if (!url || !/^https?:$/.test(url.protocol)) {
    return {
      kind: "other",
      checks: [
        check(
          "not_a_link",
          "error",
          both(words, (m) => m.notALink),
        ),
      ],
    };
  }
  if (isStartLink(url)) return checkStartLink(url, context);
  const checks: LinkCheck[] = [];
  const onWechat = checkPage(url, context, checks);
  const split = splitLink(link);
  // Another page altogether (a shop page pasted by mistake): that is the problem; listing every authorize
  // parameter it lacks would only bury it. A link with authorize parameters on the wrong page goes on.
  if (checks.length > 0 && !split.params.some((p) => isAuthorizeParam(p.name))) {
    return { kind: "other", checks };
  }
  const params = canonicalNames(split.params, checks);
  checkOrder(params, checks);

  // Read back with the names corrected, so one mistake in case does not hide every other check.
  const rebuilt = `${split.base}?${params.map((p) => `${p.name}=${p.raw}`).join("&")}${
    split.fragment === undefined ? "" : `#${split.fragment}`
  }`;
  const parsed = parseAuthorizeUrl(rebuilt);
  const raw = (name: string) => params.find((p) => p.name === name)?.raw;

  for (const [name, errcode] of Object.entries(MISSING_ERRCODE)) {
    if (raw(name) === undefined || raw(name) === "") {
      checks.push(
        check(
          `missing_${name}`,
          "error",
          both(words, (m) => m.missingParam(name, errcode)),
        ),
      );
    }
  }
  if (parsed.responseType === undefined) {
    checks.push(
      check(
        "missing_response_type",
        "error",
        both(words, (m) => m.missingResponseType),
      ),
    );
  } else if (parsed.responseType !== "code") {
    const value = parsed.responseType;
    checks.push(
      check(
        "response_type",
        "error",
        both(words, (m) => m.wrongResponseType(value)),
      ),
    );
  }

  const rawRedirect = raw("redirect_uri");
  const redirectUri = rawRedirect ? checkEncoding(rawRedirect, params, checks) : undefined;
  const doubleEncoded = checks.some((c) => c.code === "double_encoded");

  // The rest of §1.1 (appid format, an absolute http(s) address without #, scope, state) as wechat/ checks
  // it; a missing field is already reported above with its error page.
  const problems = checkAuthorizeLinkInput({
    appid: parsed.appid ?? "",
    redirectUri: redirectUri ?? "",
    scope: (parsed.scope ?? "") as OAuthScope,
    ...(parsed.state === undefined ? {} : { state: parsed.state }),
  });
  for (const p of problems) {
    if (p.code === "missing") continue;
    if (p.field === "scope" && !parsed.scope) continue;
    if (p.field === "redirectUri" && (doubleEncoded || !redirectUri)) continue;
    checks.push({
      code: `authorize_${p.field}_${p.code}`,
      level: "error",
      messageZh: p.messageZh,
      message: p.messageEn,
    });
  }

  if (redirectUri) checkRedirectHost(redirectUri, onWechat, context, checks);

  if (split.fragment === undefined || split.fragment === "") {
    checks.push(
      check(
        "missing_wechat_redirect",
        "error",
        both(words, (m) => m.missingWechatRedirect),
      ),
    );
  } else if (!parsed.hasWechatRedirect) {
    const fragment = split.fragment;
    checks.push(
      check(
        "missing_wechat_redirect",
        "error",
        both(words, (m) => m.wrongFragment(fragment)),
      ),
    );
  }

  if (parsed.scope === "snsapi_userinfo") {
    checks.push(
      check(
        "userinfo_on_landing",
        "warning",
        both(words, (m) => m.userinfoOnLanding),
      ),
    );
  }

  const summary: PastedLinkSummary = {};
  if (parsed.appid) summary.appid = parsed.appid;
  if (parsed.scope) summary.scope = parsed.scope;
  if (redirectUri) summary.redirectUri = redirectUri;
  if (parsed.state) summary.state = parsed.state;
  return { kind: "authorize", checks: byLevel(checks), summary };
}
