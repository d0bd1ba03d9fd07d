import { isIP } from "node:net";
import { type LinkProblem, type OAuthScope, WECHAT_OPEN_BASE } from "@wxdesk/wechat";

/** `LinkCheck` of docs/admin-api.md: what would break a link, said before anyone publishes it. */
export interface LinkCheck {
  code: string;
  level: "error" | "warning";
  messageZh: string;
  message: string;
}

export interface LinkCheckInput {
  publicUrl: string;
  openBase: string;
  scope: OAuthScope;
  /** The target after the allowlist check: a path, or an absolute allowed URL. */
  next: string;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

/**
 * `redirect_domain`, by who will check the redirect_uri (§1.1: its host must equal the account's
 * 网页授权域名, else page error 10003):
 * - real WeChat (`openBase` is open.weixin.qq.com): an IP or localhost can never be registered
 *   → error; a port other than 80/443 → warning (the domain is verified on the default ports
 *   and such redirects are known to fail);
 * - the sandbox (any other `openBase`): it accepts 127.0.0.1 and localhost on any port → nothing;
 *   another IP → warning (not on the sandbox's list, and WeChat would refuse it later).
 */
export function redirectDomainChecks(publicUrl: string, openBase: string): LinkCheck[] {
  const url = new URL(publicUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const ip = isIP(host) !== 0;
  if (originOf(openBase) === WECHAT_OPEN_BASE) {
    if (ip || host === "localhost") {
      return [
        {
          code: "redirect_domain",
          level: "error",
          messageZh: `公开地址用的是「${host}」：微信的网页授权域名只能是已备案的域名，不能是 IP 地址或 localhost，用户打开链接会看到错误页 10003。请把 WXDESK_PUBLIC_URL 改成公众号后台填写的网页授权域名。`,
          message: `The public URL's host is "${host}": WeChat's OAuth domain (网页授权域名) must be a registered domain name, never an IP address or localhost, so users would see error page 10003. Set WXDESK_PUBLIC_URL to the domain registered in the MP console.`,
        },
      ];
    }
    if (url.port !== "") {
      return [
        {
          code: "redirect_domain",
          level: "warning",
          messageZh: `公开地址带有端口 ${url.port}：微信只在 80/443 端口验证网页授权域名，带端口的回调地址常常被拒绝（错误页 10003）。建议让服务器通过 80/443 对外提供服务。`,
          message: `The public URL has port ${url.port}: WeChat verifies the OAuth domain on ports 80/443, and redirects to another port are often refused (error page 10003). Serve the callback on 80/443.`,
        },
      ];
    }
    return [];
  }
  if (ip && !isLoopback(host)) {
    return [
      {
        code: "redirect_domain",
        level: "warning",
        messageZh: `公开地址用的是 IP 地址「${host}」：沙箱默认只接受 127.0.0.1 和 localhost，正式的微信也不接受 IP 地址作为网页授权域名（错误页 10003）。`,
        message: `The public URL uses the IP address "${host}": the sandbox accepts only 127.0.0.1 and localhost by default, and real WeChat never accepts an IP as the OAuth domain (error page 10003).`,
      },
    ];
  }
  return [];
}

/** Problems `checkAuthorizeLinkInput` (wechat/) finds in the direct link's input, as error checks. */
export function authorizeInputChecks(problems: LinkProblem[]): LinkCheck[] {
  return problems.map((p) => ({
    code: `authorize_${p.field}_${p.code}`,
    level: "error",
    messageZh: p.messageZh,
    message: p.messageEn,
  }));
}

/** Every check for a link pair; the order is the order the desktop lists them in. */
export function linkChecks(input: LinkCheckInput): LinkCheck[] {
  const checks = redirectDomainChecks(input.publicUrl, input.openBase);
  if (input.scope === "snsapi_userinfo") {
    checks.push({
      code: "userinfo_on_landing",
      level: "warning",
      messageZh:
        "「需用户确认」的链接放在菜单里，用户一点开就会要求授权：微信可能改为打开「快照页」，只给一个虚拟账号，用户要再点「使用完整服务」。只需要用户编号时请用「静默授权」；需要昵称头像时，最好在用户操作后再请求。",
      message:
        'A "User confirms" link in a menu asks for consent the moment the page opens: WeChat may show a snapshot page with a placeholder account instead, and the user must tap "Use full service". Use "Silent" when the user ID is enough; ask for the profile after the user acts.',
    });
  }
  if (/^https?:\/\//i.test(input.next) && originOf(input.next) !== originOf(input.publicUrl)) {
    checks.push({
      code: "next_off_origin",
      level: "warning",
      messageZh: `授权后会跳到另一个网站（${originOf(input.next)}）：那里读不到本服务器的登录状态（会话 cookie 只属于 ${originOf(input.publicUrl)}），那边需要自己识别用户。`,
      message: `After authorizing, users land on another site (${originOf(input.next)}): it cannot read this server's session (the cookie belongs to ${originOf(input.publicUrl)}), so that site must identify the user itself.`,
    });
  }
  checks.push({
    code: "direct_link_unbound",
    level: "warning",
    messageZh:
      "微信授权链接（直接版）没法和用户自己的手机浏览器对应起来：别人有可能把自己的授权结果发给用户，让用户以别人的身份登录。放进菜单时，请优先使用「菜单里用的链接」。",
    message:
      "The direct WeChat link cannot be tied to the user's own browser: someone could send a user their own authorization result and sign them in as someone else. In menus, prefer the menu link (the server's start link).",
  });
  return checks;
}
