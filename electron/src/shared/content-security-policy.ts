/**
 * The Content-Security-Policy of the app's own pages — the same on both transports (Electron's `app://`
 * responses and the web bridge's loopback responses).
 *
 * - Scripts only from the app itself: no inline script, no `eval` (`'unsafe-eval'` is never added).
 * - Styles only from files (Vite emits CSS files); React's `style={…}` props are set through the CSSOM
 *   and are not affected. No `<style>` blocks or `style="…"` attributes in HTML.
 * - Images: the app, `data:` (QR codes from `links.qr`), WeChat avatars (`headimgurl` lives on
 *   `wx.qlogo.cn` / `thirdwx.qlogo.cn`, over http or https — wechat-protocol.md, sns/userinfo) and the
 *   local sandbox's avatars on loopback (`http://127.0.0.1:<port>/…`).
 * - Frames: only loopback, so the UI can show the local sandbox's consent page in a phone-sized frame.
 * - Network from the page: only its own origin (the bridge's `/api/*`; in Electron the page makes none).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https://*.qlogo.cn http://*.qlogo.cn http://127.0.0.1:* http://localhost:*",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src http://127.0.0.1:* http://localhost:*",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers every response of the app's own pages carries, besides the CSP. */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};
