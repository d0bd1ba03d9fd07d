import type { OAuthScope } from "@wxdesk/wechat";
import type { ServerConfig } from "../../config/server-config.js";
import { verifyMenuLink } from "../oauth/menu-link.js";
import { safeNext } from "../oauth/next-target.js";
import { type LinkCheck, linkChecks } from "./links-checks.js";

/**
 * What a pasted link is to this server: one of its start links (`/oauth/start`), a WeChat authorize link
 * that returns to an `/oauth/callback` (its `directUrl` form), or something else it cannot judge.
 */
export type PastedLinkKind = "start" | "direct" | "other";

/** `POST links/check` (docs/admin-api.md "Links"): whether a pasted link of this server would work. */
export interface PastedLinkVerdict {
  kind: PastedLinkKind;
  /** Addressed to this server (its public URL); only then are the checks about what it will do. */
  own: boolean;
  /** What the link asks for, when the server could read it (a valid signature, or the plain form). */
  scope?: OAuthScope;
  /** Where users land afterwards, as the server will read it. */
  next?: string;
  checks: LinkCheck[];
}

export type VerdictConfig = Pick<
  ServerConfig,
  "appid" | "publicUrl" | "openBase" | "nextAllow" | "sessionSecret"
>;

const SCOPE_WORDS: Record<OAuthScope, { zh: string; en: string }> = {
  snsapi_base: { zh: "「静默授权」", en: '"Silent"' },
  snsapi_userinfo: { zh: "「需用户确认」", en: '"User confirms"' },
};

function isScope(value: unknown): value is OAuthScope {
  return value === "snsapi_base" || value === "snsapi_userinfo";
}

function parse(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** One value of a query parameter, `null` when repeated: the routes refuse a repeated one (query-params.ts). */
function single(url: URL, name: string): string | undefined | null {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return undefined;
  return values.length === 1 ? (values[0] as string) : null;
}

const badSignature = (): LinkCheck => ({
  code: "link_signature",
  level: "error",
  messageZh:
    "链接的签名对不上：它不是这台回调服务器生成的，或者复制时被改动、截断了。用户打开会看到「菜单链接无效」。请重新生成链接，再整条复制。",
  message: `The link's signature does not match: this callback server did not make it, or it was changed or cut off while copying. Users would see "Invalid menu link". Build the link again and copy all of it.`,
});

const otherServer = (host: string, ownHost: string): LinkCheck => ({
  code: "other_server",
  level: "warning",
  messageZh: `这条链接属于另一台回调服务器（${host}），不是现在连接的这台（${ownHost}），这里没法核对它能不能用。请切换到那台服务器的公众号再检查。`,
  message: `This link belongs to another callback server (${host}), not the one connected now (${ownHost}), so it cannot be verified here. Switch to that server's account and check it there.`,
});

const notAllowed = (next: string): LinkCheck => ({
  code: "next_not_allowed",
  level: "error",
  messageZh: `授权后要打开的地址「${next}」不在这台服务器允许的范围内，用户会看到「不允许跳转到该地址」。只能是本站的页面，或服务器设置里允许的网站。`,
  message: `The page to open afterwards ("${next}") is not one this server allows, so users would see "Redirect target not allowed". Use a page of this site or a site allowed in the server's settings.`,
});

const badScope = (scope: string): LinkCheck => ({
  code: "bad_scope",
  level: "error",
  messageZh: `链接里的授权方式「${scope}」不对，只能是静默授权（snsapi_base）或需用户确认（snsapi_userinfo）。用户会看到「授权方式不正确」。`,
  message: `The link's authorization "${scope}" is not valid: it must be silent (snsapi_base) or user confirms (snsapi_userinfo). Users would see "Invalid scope".`,
});

/** The checks the server makes when it builds a link (links-checks.ts), as far as they concern this link. */
function buildChecks(
  config: VerdictConfig,
  scope: OAuthScope,
  next: string,
  kind: Exclude<PastedLinkKind, "other">,
): LinkCheck[] {
  const checks = linkChecks({ publicUrl: config.publicUrl, openBase: config.openBase, scope, next });
  // The start link is the one that can be tied to the user's browser: the warning is about the other one.
  return kind === "start" ? checks.filter((c) => c.code !== "direct_link_unbound") : checks;
}

function startVerdict(url: URL, config: VerdictConfig): PastedLinkVerdict {
  if (`${url.origin}${url.pathname}` !== `${config.publicUrl}/oauth/start`) {
    return { kind: "start", own: false, checks: [otherServer(url.host, new URL(config.publicUrl).host)] };
  }
  let scope: unknown;
  let rawNext: string | undefined | null;
  const link = single(url, "link");
  if (link !== undefined) {
    // As /oauth/start reads it (start-route.ts): a signed link wins over scope= and next=.
    const verified = link === null ? undefined : verifyMenuLink(link, config.sessionSecret);
    if (!verified) return { kind: "start", own: true, checks: [badSignature()] };
    scope = verified.scope;
    rawNext = verified.next;
  } else {
    scope = single(url, "scope") ?? "snsapi_base";
    rawNext = single(url, "next");
  }
  if (!isScope(scope)) return { kind: "start", own: true, checks: [badScope(String(scope))] };
  const next = rawNext === null ? undefined : safeNext(rawNext, config);
  if (next === undefined) {
    return { kind: "start", own: true, scope, checks: [notAllowed(rawNext ?? "")] };
  }
  return { kind: "start", own: true, scope, next, checks: buildChecks(config, scope, next, "start") };
}

function directVerdict(url: URL, redirect: URL, config: VerdictConfig): PastedLinkVerdict {
  if (`${redirect.origin}${redirect.pathname}` !== `${config.publicUrl}/oauth/callback`) {
    return {
      kind: "direct",
      own: false,
      checks: [otherServer(redirect.host, new URL(config.publicUrl).host)],
    };
  }
  const checks: LinkCheck[] = [];
  const openBase = new URL(config.openBase);
  if (url.origin !== openBase.origin) {
    // The code would come from another WeChat (or sandbox) than the one this server exchanges codes with.
    checks.push({
      code: "page_mismatch",
      level: "error",
      messageZh: `这条链接打开的是「${url.host}」的授权页，而这台回调服务器连的是「${openBase.host}」：用户授权后，服务器换不到他的身份。请用这台服务器生成的链接。`,
      message: `This link opens the authorize page of "${url.host}", but this callback server works with "${openBase.host}": after users authorize, the server cannot find out who they are. Use a link this server built.`,
    });
  }
  const appid = single(url, "appid");
  if (typeof appid === "string" && appid !== "" && appid !== config.appid) {
    checks.push({
      code: "appid_mismatch",
      level: "error",
      messageZh: `链接里的公众号 appid 是「${appid}」，而这台服务器服务的公众号是「${config.appid}」：用户授权后，服务器换不到他的身份（微信错误 40029）。`,
      message: `The link's account appid is "${appid}", but this server serves "${config.appid}": after users authorize, the server cannot find out who they are (WeChat error 40029).`,
    });
  }
  const link = single(redirect, "link");
  if (link === undefined) {
    // A copy of the one-time address /oauth/start redirected one browser to: its state lives 10 minutes.
    checks.push({
      code: "callback_unsigned",
      level: "error",
      messageZh:
        "这条链接是某一次授权时临时生成的：只在当时的浏览器里、10 分钟内能用一次，别人打开会看到「登录链接已失效」。不能放进菜单，请用这里生成的「菜单里用的链接」。",
      message: `This link was made for one sign-in: it works once, within 10 minutes, in the browser it was made for; anyone else sees "Sign-in link expired". It cannot go into a menu: use the link for the menu built here.`,
    });
    return { kind: "direct", own: true, checks };
  }
  const verified = link === null ? undefined : verifyMenuLink(link, config.sessionSecret);
  if (!verified) return { kind: "direct", own: true, checks: [...checks, badSignature()] };
  const { scope } = verified;
  const next = safeNext(verified.next, config);
  if (next === undefined)
    return { kind: "direct", own: true, scope, checks: [...checks, notAllowed(verified.next)] };
  const asked = single(url, "scope");
  if (isScope(asked) && asked !== scope) {
    // The callback follows the signed link's scope (callback-route.ts directRecord).
    checks.push({
      code: "scope_mismatch",
      level: "warning",
      messageZh: `链接写的授权方式是${SCOPE_WORDS[asked].zh}，但它签名里记的是${SCOPE_WORDS[scope].zh}，服务器会按后者处理。`,
      message: `The link asks for ${SCOPE_WORDS[asked].en}, but its signed part says ${SCOPE_WORDS[scope].en}; the server follows the signed part.`,
    });
  }
  return {
    kind: "direct",
    own: true,
    scope,
    next,
    checks: [...checks, ...buildChecks(config, scope, next, "direct")],
  };
}

/**
 * Whether a link pasted into the desktop's 「检查已有链接」 would work with this server: its signature
 * (made with the session secret, which never leaves the server), its `next` against today's allowlist,
 * its appid and authorize page, plus the checks made when links are built. Links that are not this
 * server's get `kind: "other"` and no checks: the desktop checks their form itself.
 */
export function pastedLinkVerdict(text: string, config: VerdictConfig): PastedLinkVerdict {
  const url = parse(text.trim());
  if (!url || !/^https?:$/.test(url.protocol)) return { kind: "other", own: false, checks: [] };
  if (url.pathname.endsWith("/oauth/start")) return startVerdict(url, config);
  // `get` decodes redirect_uri once, as WeChat does; a double-encoded one is no address and stays "other".
  const redirect = parse(url.searchParams.get("redirect_uri") ?? "");
  if (url.pathname === "/connect/oauth2/authorize" && redirect?.pathname.endsWith("/oauth/callback")) {
    return directVerdict(url, redirect, config);
  }
  return { kind: "other", own: false, checks: [] };
}
