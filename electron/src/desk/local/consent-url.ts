import { DeskApiError } from "../desk-api-error.js";

/** The sandbox's authorize page (sandbox/src/routes/authorize-page.ts). */
const AUTHORIZE_PATH = "/connect/oauth2/authorize";

export interface LocalUrls {
  sandboxUrl: string;
  serverUrl: string;
  appid: string;
}

function notSandboxLink(): DeskApiError {
  return new DeskApiError(
    "not_sandbox_link",
    "This link does not belong to the local sandbox: only start links of the local server and sandbox authorize links can be opened as a test user.",
    "这个链接不属于本地沙箱：只有本地服务器的授权入口链接和沙箱的授权链接才能以测试用户身份打开。",
  );
}

/**
 * A URL that opens the sandbox consent sheet as `openid`, for a phone-sized window that follows
 * redirects and keeps cookies like a browser.
 *
 * The sandbox picks its user from `sandbox_openid=` on the authorize URL, else from its
 * `sandbox_user` cookie (else it shows a picker).
 *
 * - Direct link (the sandbox authorize URL itself, state `wxdesk`): add `sandbox_openid`.
 * - Start link (`<server>/oauth/start?…`): its state is bound to the browser by the
 *   `wxdesk_oauth` cookie that `/oauth/start` sets, and the callback refuses any other browser. So
 *   the window itself must open the start link; following it here (in Node) would bind the state
 *   to Node's cookie jar and the window's callback would be refused ("请在同一个浏览器里完成登录").
 *   The window must also already carry the sandbox's `sandbox_user` cookie, because the
 *   authorize URL the server redirects to cannot carry `sandbox_openid`. Both are achieved by
 *   one hop through the sandbox: a silent snsapi_base authorize with `sandbox_openid` (which sets
 *   the cookie) whose redirect_uri is the start link itself. The sandbox redirects to the start link
 *   (with an unused code appended, which `/oauth/start` ignores); the start link binds a fresh state
 *   to the window and redirects to the authorize page, which now shows the consent sheet as the
 *   chosen user.
 */
export function consentUrl(link: string, openid: string, local: LocalUrls): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw notSandboxLink();
  }
  const sandbox = new URL(local.sandboxUrl);
  const server = new URL(local.serverUrl);

  if (url.origin === sandbox.origin && url.pathname === AUTHORIZE_PATH) {
    url.searchParams.set("sandbox_openid", openid);
    url.hash = "wechat_redirect";
    return url.href;
  }
  if (url.origin === server.origin && url.pathname === "/oauth/start") {
    url.hash = "";
    const hop = new URL(AUTHORIZE_PATH, sandbox);
    hop.searchParams.set("appid", local.appid);
    hop.searchParams.set("redirect_uri", url.href);
    hop.searchParams.set("response_type", "code");
    hop.searchParams.set("scope", "snsapi_base");
    hop.searchParams.set("sandbox_openid", openid);
    hop.hash = "wechat_redirect";
    return hop.href;
  }
  throw notSandboxLink();
}
