import type { ErrorCatalogEntry } from "./error-types.js";
import { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT } from "./synthetic-codes.js";

const SUPPORT_ZH = "这是程序的问题，不是您的设置问题；请把错误详情发给技术支持。";
const SUPPORT_EN =
  "This is a program problem, not your settings; send the error details to technical support.";

/** §10 global codes, §0 header (40033), and our synthetic transport codes. */
export const GLOBAL_ERRORS: readonly ErrorCatalogEntry[] = [
  {
    errcode: -1,
    errorClass: "retryable",
    errmsg: "system error",
    titleZh: "微信系统繁忙",
    titleEn: "WeChat is busy",
    fixZh: "这是微信那边的临时问题，本系统会自动重试；持续出现的话，过几分钟再试。",
    fixEn:
      "A temporary problem on WeChat's side; this system retries automatically. If it persists, try again in a few minutes.",
  },
  {
    errcode: 43001,
    errorClass: "request",
    errmsg: "require GET method",
    titleZh: "请求方式不对（需要 GET）",
    titleEn: "Wrong request method (GET required)",
    fixZh: SUPPORT_ZH,
    fixEn: SUPPORT_EN,
  },
  {
    errcode: 43002,
    errorClass: "request",
    errmsg: "require POST method",
    titleZh: "请求方式不对（需要 POST）",
    titleEn: "Wrong request method (POST required)",
    fixZh: SUPPORT_ZH,
    fixEn: SUPPORT_EN,
  },
  {
    errcode: 43003,
    errorClass: "request",
    errmsg: "require https",
    titleZh: "必须使用 HTTPS",
    titleEn: "HTTPS is required",
    fixZh: "请求没有用 HTTPS。请检查本系统里微信接口地址是否以 https:// 开头。",
    fixEn: "The request did not use HTTPS. Check the WeChat API address in this system starts with https://.",
  },
  {
    errcode: 44002,
    errorClass: "request",
    errmsg: "empty post data",
    titleZh: "提交的内容是空的",
    titleEn: "The request body was empty",
    fixZh: SUPPORT_ZH,
    fixEn: SUPPORT_EN,
  },
  {
    errcode: 45009,
    errorClass: "quota",
    errmsg: "reach max api daily quota limit",
    titleZh: "今天的接口调用次数用完了",
    titleEn: "Today's API call quota is used up",
    fixZh:
      "次数在明天自动恢复。急用的话可以在公众号后台给接口调用次数清零（每月次数有限）。获取令牌时出现，通常是有程序在反复获取令牌而没有缓存。",
    fixEn:
      "The quota resets tomorrow. If urgent, the MP console can reset API quotas (a few times per month). If it happens when fetching tokens, some program is fetching tokens again and again instead of caching them.",
  },
  {
    errcode: 45011,
    errorClass: "quota",
    errmsg: "api minute-quota reach limit must slower retry next minute",
    titleZh: "调用太频繁",
    titleEn: "Too many calls this minute",
    fixZh: "一分钟内调用次数太多了，请等一分钟再试。",
    fixEn: "Too many calls within a minute; wait a minute and try again.",
  },
  {
    errcode: 47001,
    errorClass: "request",
    errmsg: "data format error",
    titleZh: "提交的数据格式不对",
    titleEn: "The data sent was malformed",
    fixZh: `微信读不懂提交的内容（JSON 格式错误）。${SUPPORT_ZH}`,
    fixEn: `WeChat could not read the data sent (bad JSON). ${SUPPORT_EN}`,
  },
  {
    errcode: 40033,
    errorClass: "request",
    errmsg: "invalid charset",
    titleZh: "中文被错误地编码了",
    titleEn: "Chinese text was encoded wrongly",
    fixZh: `提交的中文被转成了 \\uXXXX 的形式，微信不接受。${SUPPORT_ZH}`,
    fixEn: `Chinese text was sent as \\uXXXX escapes, which WeChat rejects. ${SUPPORT_EN}`,
  },
  {
    errcode: 48004,
    errorClass: "config",
    errmsg: "api forbidden for irregularities",
    titleZh: "接口因违规被封禁",
    titleEn: "The API is banned for this account",
    fixZh: "公众号因违规被禁止使用这个接口。请登录公众号后台查看通知，按提示处理。",
    fixEn:
      "The account was banned from this API for a violation. Log in to the MP console, read the notice and follow it.",
  },
  {
    errcode: ERR_NETWORK,
    errorClass: "retryable",
    errmsg: "network error",
    titleZh: "连不上微信服务器",
    titleEn: "Could not reach WeChat's servers",
    fixZh:
      "请检查服务器能否上网、域名解析（DNS）是否正常、防火墙是否放行 api.weixin.qq.com 的 443 端口。本系统会自动重试。",
    fixEn:
      "Check the server has internet access, DNS works, and the firewall allows api.weixin.qq.com on port 443. This system retries automatically.",
  },
  {
    errcode: ERR_TIMEOUT,
    errorClass: "retryable",
    errmsg: "timeout",
    titleZh: "微信服务器响应超时",
    titleEn: "WeChat's servers did not answer in time",
    fixZh:
      "可能是网络慢或微信繁忙，本系统会自动重试。经常出现的话请检查服务器网络。注意：这次请求可能已经到达微信。",
    fixEn:
      "The network may be slow or WeChat busy; this system retries automatically. If it happens often, check the server's network. Note: the request may have reached WeChat.",
  },
  {
    errcode: ERR_BAD_RESPONSE,
    errorClass: "unexpected",
    errmsg: "bad response",
    titleZh: "微信返回了看不懂的内容",
    titleEn: "WeChat answered with something unexpected",
    fixZh:
      "可能是微信临时故障，或网络中的代理、防火墙改写了内容。请稍后再试；持续出现的话，把错误详情发给技术支持。",
    fixEn:
      "WeChat may have a temporary fault, or a proxy/firewall changed the answer. Try again later; if it persists, send the error details to technical support.",
  },
];
