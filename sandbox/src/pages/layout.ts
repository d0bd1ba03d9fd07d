import { html, type SafeHtml, trustedHtml } from "@wxdesk/wechat/html";
import type { PageLang } from "@wxdesk/wechat/plain-words";

// Phone-sized pages (375×667 first), system fonts with the CJK ones WeChat's webview uses.
const CSS = `
*{box-sizing:border-box;margin:0;padding:0}
html,body{height:100%}
body{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Microsoft YaHei","Helvetica Neue",sans-serif;
 background:#ededed;color:#111;font-size:16px;line-height:1.5;-webkit-font-smoothing:antialiased}
:lang(en) body{font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue",Arial,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
.bar{min-height:44px;padding:4px 12px;display:flex;flex-direction:column;align-items:center;justify-content:center;
 background:#ededed;font-size:17px;font-weight:500;text-align:center}
.bar small{font-size:11px;color:#595959;font-weight:400;line-height:1.2}
.behind{padding:24px 16px;color:#595959;font-size:14px;text-align:center}
.mask{position:fixed;inset:0;background:rgba(0,0,0,.5)}
.sheet{position:fixed;left:0;right:0;bottom:0;background:#fff;border-radius:12px 12px 0 0;padding:20px 24px 28px;
 max-width:480px;margin:0 auto;box-shadow:0 -2px 12px rgba(0,0,0,.08)}
.account{display:flex;align-items:center;gap:8px;font-size:15px}
.account .name{font-weight:500}
.account .apply{color:#6b6b6b}
.title{font-size:17px;font-weight:500;margin:20px 0 6px}
.desc{font-size:14px;color:#6b6b6b}
.user{display:flex;align-items:center;gap:12px;padding:14px 0;margin:14px 0 4px;border-top:1px solid #f0f0f0;border-bottom:1px solid #f0f0f0}
.user .nick{flex:1;font-size:16px}
.user .hint{font-size:13px;color:#6b6b6b}
.avatar{width:24px;height:24px;border-radius:4px;object-fit:cover;flex:none;background:#eee}
.avatar.big{width:40px;height:40px}
.switch{display:block;font-size:14px;color:#576b95;text-decoration:none;margin:10px 0 18px}
.buttons{display:flex;gap:16px;justify-content:center}
.btn{display:inline-block;min-width:120px;height:40px;line-height:40px;border:0;border-radius:8px;font-size:17px;font-weight:500;
 font-family:inherit;text-align:center;text-decoration:none;cursor:pointer}
.btn.primary{background:#067d44;color:#fff}
.btn.default{background:#f2f2f2;color:#067d44}
.btn.grey{background:#f2f2f2;color:#111}
.btn.wide{width:100%}
.list{background:#fff;margin-top:8px}
.list a{display:flex;align-items:center;gap:12px;padding:12px 16px;color:#111;text-decoration:none;border-bottom:1px solid #f0f0f0}
.list a .meta{font-size:12px;color:#6b6b6b;margin-left:auto;text-align:right}
.notice{margin:12px 16px;padding:10px 12px;background:#fff7e6;color:#8a5a00;border-radius:6px;font-size:14px}
.error{background:#fff;min-height:100%;padding:64px 24px 24px;text-align:center}
.error .icon{width:64px;height:64px;border-radius:50%;background:#fa5151;color:#fff;font-size:40px;line-height:64px;margin:0 auto 24px}
.error h1{font-size:20px;font-weight:500;margin-bottom:8px}
.error details{font-size:13px;color:#595959;margin-top:16px}
.error summary{color:#576b95;cursor:pointer;padding:6px 0}
.error p{font-size:14px;color:#666;margin-bottom:6px;overflow-wrap:anywhere}
.snapshot-banner{background:#fff;margin:0;padding:12px 16px;font-size:14px;color:#576b95;border-bottom:1px solid #f0f0f0}
.bottom{position:fixed;left:0;right:0;bottom:0;padding:12px 16px 24px;background:#fff;border-top:1px solid #e5e5e5}
.snapshot-form{padding:24px 16px}
.snapshot-form .desc{margin-bottom:16px}
.tag{font-size:11px;color:#6b6b6b;text-align:center;margin-top:14px}
.intro{padding:12px 16px;color:#595959;font-size:14px}
`;

/** One language per page, as on the callback server's pages (`pageLanguage` picks it from the request). */
export function page(lang: PageLang, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no,viewport-fit=cover">
<title>${title}</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
${body}
</body>
</html>`.value;
}

/** The small footnote that says this is the sandbox, not WeChat. */
export function sandboxTag(lang: PageLang): SafeHtml {
  return lang === "en"
    ? html`<p class="tag">wxdesk sandbox · a stand-in for WeChat sign-in</p>`
    : html`<p class="tag">wxdesk 沙箱 · 模拟微信登录</p>`;
}
