import { defineMessages } from "../../i18n/define-messages.js";

/**
 * What the 「检查已有链接」 box says about a pasted authorize link (pasted-link-check.ts): each mistake in
 * plain words with what to do about it. Kept in both languages because a check result is a LinkCheck.
 */
export const pastedLinkMessages = defineMessages(
  {
    notALink:
      "这不是一个完整的网址。请粘贴整条链接：微信授权链接（以 https://open.weixin.qq.com/ 开头），或回调服务器生成的「菜单里用的链接」。",
    websiteLogin:
      "这是网站扫码登录（qrconnect）用的链接，不是公众号的网页授权链接。公众号里要用 /connect/oauth2/authorize 的链接。",
    notAuthorizePage: (host: string) =>
      `这个链接打开的是「${host}」，不是微信的授权页（open.weixin.qq.com/connect/oauth2/authorize）。`,
    paramCase: (wrong: string, right: string) =>
      `参数名「${wrong}」的大小写不对，要写成「${right}」。微信区分大小写，写错时页面可能一片空白。`,
    paramTypo: (wrong: string, right: string) => `参数名「${wrong}」写错了，应该是「${right}」。`,
    paramOrder: (order: string) =>
      `链接里各项的顺序（${order}）和微信要求的不同，顺序不对时链接可能打不开。请重新生成链接，或整条复制原来的链接。`,
    missingParam: (name: string, errcode: number) =>
      `链接里缺少参数 ${name}，用户会看到微信的错误页 ${errcode}。`,
    missingResponseType: "链接里缺少 response_type=code，微信不会把用户带回来。",
    wrongResponseType: (value: string) => `response_type 必须是 code，现在是「${value}」。`,
    doubleEncoded:
      "回调地址被编码了两次（里面有 %25）。微信解码一次后得到的不是网址，用户会看到错误页。请把原始地址只用 encodeURIComponent 编码一次。",
    notEncoded:
      "回调地址没有编码（里面直接出现了 :// 或 /）。请用 encodeURIComponent 把整个回调地址编码一次再放进链接。",
    notEncodedLost: (names: string) =>
      `回调地址没有编码，它自带的参数（${names}）被当成了授权链接的参数，用户回来时这些参数会丢失。请用 encodeURIComponent 把整个回调地址编码一次。`,
    missingWechatRedirect:
      "链接末尾少了 #wechat_redirect。没有它，页面常常一直转圈或一片空白。请在链接最后加上 #wechat_redirect。",
    wrongFragment: (fragment: string) =>
      `链接末尾是「#${fragment}」，应该正好是 #wechat_redirect（前后都不能多东西）。`,
    redirectDomain: (host: string, domain: string) =>
      `回调地址在「${host}」，但网页授权域名是「${domain}」。两者必须完全一样（子域名也不算），否则用户会看到错误页 10003。请改回调地址，或在公众号后台「设置与开发 → 公众号设置 → 功能设置 → 网页授权域名」里填 ${host}。`,
    redirectPort: (port: string) =>
      `回调地址带了端口 ${port}。微信只在 80/443 端口验证网页授权域名，带端口的回调常常被拒绝（错误页 10003）。请让回调地址使用默认端口。`,
    domainHasPath: (value: string, host: string) =>
      `网页授权域名只能填域名本身，不能带 http://、端口或路径。现在填的是「${value}」，应该填「${host}」。`,
    userinfoOnLanding:
      "这是「需用户确认」的链接。放在菜单里一打开就请求授权，微信可能改为打开「快照页」，只给一个虚拟账号。只需要用户编号时请用「静默授权」；需要昵称头像时，最好等用户在页面上点了按钮再请求。",
    serverUnchecked: (reason: string) =>
      `没能请回调服务器核对这条链接（${reason}），只检查了它的写法。服务器恢复后再粘贴一次即可核对。`,
  },
  {
    notALink:
      "This is not a complete web address. Paste the whole link: a WeChat authorize link (it starts with https://open.weixin.qq.com/) or the link for the menu a callback server built.",
    websiteLogin:
      "This is a website QR-login (qrconnect) link, not an Official Account authorize link. Official Accounts use /connect/oauth2/authorize links.",
    notAuthorizePage: (host) =>
      `This link opens "${host}", not WeChat's authorize page (open.weixin.qq.com/connect/oauth2/authorize).`,
    paramCase: (wrong, right) =>
      `The parameter "${wrong}" has the wrong upper/lower case: write "${right}". WeChat is case-sensitive and may show a blank page.`,
    paramTypo: (wrong, right) => `The parameter "${wrong}" is misspelled: it should be "${right}".`,
    paramOrder: (order) =>
      `The parts of the link are in a different order (${order}) than WeChat expects; another order can stop the link from opening. Build the link again, or copy the original link whole.`,
    missingParam: (name, errcode) =>
      `The link has no ${name} parameter: users would see WeChat's error page ${errcode}.`,
    missingResponseType: "The link has no response_type=code, so WeChat would not send users back.",
    wrongResponseType: (value) => `response_type must be code; it is "${value}".`,
    doubleEncoded:
      "The return address is encoded twice (it contains %25). After WeChat decodes it once it is not a web address, and users see an error page. Encode the original address once with encodeURIComponent.",
    notEncoded:
      "The return address is not encoded (it contains :// or / as is). Encode the whole return address once with encodeURIComponent before putting it in the link.",
    notEncodedLost: (names) =>
      `The return address is not encoded, so its own parameters (${names}) were read as parameters of the authorize link and are lost when users come back. Encode the whole return address once with encodeURIComponent.`,
    missingWechatRedirect:
      "The link does not end with #wechat_redirect. Without it the page often keeps loading or stays blank. Add #wechat_redirect at the very end.",
    wrongFragment: (fragment) =>
      `The link ends with "#${fragment}"; it must be exactly #wechat_redirect (nothing before or after it).`,
    redirectDomain: (host, domain) =>
      `The return address is on "${host}", but the authorized domain is "${domain}". They must be exactly the same (a subdomain does not count), or users see error page 10003. Change the return address, or set the OAuth domain in the MP console to ${host}.`,
    redirectPort: (port) =>
      `The return address has port ${port}. WeChat verifies the OAuth domain on ports 80/443 only, and returns to other ports are often refused (error page 10003). Use the default port.`,
    domainHasPath: (value, host) =>
      `The OAuth domain setting takes the domain name only, without http://, a port or a path. It says "${value}"; it should say "${host}".`,
    userinfoOnLanding:
      'This is a "User confirms" link. Opened straight from a menu it asks for consent at once, and WeChat may open a "snapshot page" with a virtual account instead. Use "Silent" when the user ID is enough; when you need nickname and avatar, ask after the user taps something on the page.',
    serverUnchecked: (reason) =>
      `The callback server could not be asked about this link (${reason}); only how it is written was checked. Paste it again once the server answers.`,
  },
);
