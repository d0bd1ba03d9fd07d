// Phone first (375 px wide), system fonts incl. the CJK ones WeChat's webview has, WeChat's greens
// darkened where text sits on them or they are text (WCAG AA: 4.5:1 for text).
// Served inline and allowed by hash in the CSP, so no `style=` attributes anywhere.
export const PAGE_CSS = `
*{box-sizing:border-box;margin:0;padding:0}
html{-webkit-text-size-adjust:100%}
body{font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","Helvetica Neue",Arial,sans-serif;
 background:#ededed;color:#191919;font-size:16px;line-height:1.6;min-height:100vh;-webkit-font-smoothing:antialiased}
:lang(en) body{font-family:-apple-system,BlinkMacSystemFont,"Helvetica Neue",Arial,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
main{max-width:480px;margin:0 auto;padding:32px 16px calc(32px + env(safe-area-inset-bottom))}
.card{background:#fff;border-radius:12px;padding:28px 20px 24px;text-align:center}
.icon{width:56px;height:56px;border-radius:50%;margin:0 auto 16px;color:#fff;font-size:30px;line-height:56px;font-weight:600}
.icon.ok{background:#07c160}.icon.info{background:#10aeff}.icon.warn{background:#ffc300}.icon.error{background:#fa5151}
h1{font-size:20px;font-weight:600;line-height:1.4;margin-bottom:10px;overflow-wrap:anywhere;text-wrap:balance}
.card p{font-size:15px;color:#4c4c4c;margin-bottom:8px;overflow-wrap:anywhere;text-wrap:pretty}
.card p.fix{color:#191919}
.details{margin-top:12px;text-align:left;font-size:13px;color:#5c5c5c}
.details summary{cursor:pointer;text-align:center;color:#576b95;padding:6px 0}
.card .details p{font-size:12px;color:#5c5c5c;background:#f7f7f7;border-radius:6px;padding:6px 10px;margin:4px 0}
.actions{margin-top:24px;display:flex;flex-direction:column;gap:12px}
.btn{display:block;width:100%;height:44px;line-height:44px;border-radius:8px;font-size:17px;font-weight:600;
 text-align:center;text-decoration:none;font-family:inherit}
.btn.primary{background:#067d44;color:#fff}
.btn.secondary{background:#f2f2f2;color:#067d44}
.avatar{width:72px;height:72px;border-radius:8px;object-fit:cover;background:#f2f2f2;display:block;margin:0 auto 16px}
.avatar.placeholder{line-height:72px;font-size:32px;color:#767676}
.muted{font-size:13px;color:#5c5c5c}
.status{margin-top:16px;font-size:13px;color:#5c5c5c}
.status.ok{color:#067d44}
.steps{text-align:left;margin:16px 0 4px;padding:12px 16px;background:#f7f7f7;border-radius:8px;list-style:none;counter-reset:s}
.steps li{font-size:14px;color:#4c4c4c;counter-increment:s;position:relative;padding-left:24px;margin:4px 0}
.steps li::before{content:counter(s);position:absolute;left:0;top:3px;width:18px;height:18px;border-radius:50%;
 background:#067d44;color:#fff;font-size:12px;line-height:18px;text-align:center}
footer{text-align:center;font-size:12px;color:#5c5c5c;margin-top:20px}
`;
