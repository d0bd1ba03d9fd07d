/**
 * The Content-Security-Policy of the app's own pages — the same on both transports (Electron's `app://`
 * responses and the web bridge's loopback responses).
 *
 * - Scripts only from the app itself: no inline script, no `eval` (`'unsafe-eval'` is never added).
 * - Styles only from files (Vite emits CSS files); React's `style={…}` props are set through the CSSOM
 *   and are not affected. No `<style>` blocks or `style="…"` attributes in HTML.
 * - Images: the app itself, `data:` (QR codes from `links.qr`, the local sandbox's avatars) and WeChat's
 *   avatar hosts over https only (`headimgurl` lives on `wx.qlogo.cn` / `thirdwx.qlogo.cn` — wechat-
 *   protocol.md §4). No plain http: an http image can be swapped by anyone on the network. The DeskApi
 *   hands the renderer avatars in that form: http qlogo URLs upgraded to https, the local sandbox's
 *   loopback SVGs inlined as `data:` (src/desk/users/avatar-display.ts says why not its origin).
 * - Frames: none. The sandbox's consent page opens in a window of its own (phone-window.ts; in the
 *   browser a popup), never inside the app page.
 * - Network from the page: only its own origin (the bridge's `/api/*`; in Electron the page makes none).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https://*.qlogo.cn",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
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
