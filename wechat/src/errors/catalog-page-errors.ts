import type { ErrorCatalogEntry } from "./error-types.js";

const SETTINGS = "公众号后台 → 设置与开发 → 公众号设置 → 功能设置";

/**
 * §1.4: errors open.weixin.qq.com shows as a page in the user's browser (no redirect, no JSON).
 * They reach us only when an admin reads the code off the phone screen, or from the sandbox.
 */
export const PAGE_ERRORS: readonly ErrorCatalogEntry[] = [
  {
    errcode: 10003,
    errorClass: "config",
    errmsg: "redirect_uri domain does not match the configured OAuth domain",
    titleZh: "回调地址的域名不是网页授权域名",
    titleEn: "The redirect address's domain is not the account's OAuth domain",
    fixZh: `到 ${SETTINGS} → 网页授权域名，填入回调地址的域名。只写域名（不带 http:// 和路径），并且必须完全一致：www.example.com 和 example.com 算两个不同的域名。`,
    fixEn:
      "In the MP console open 设置与开发 → 公众号设置 → 功能设置 → 网页授权域名 and enter the redirect address's domain exactly: domain only (no http://, no path); www.example.com and example.com are different.",
  },
  {
    errcode: 10004,
    errorClass: "config",
    errmsg: "this Official Account is banned",
    titleZh: "公众号已被封禁",
    titleEn: "The Official Account is banned",
    fixZh: "登录公众号后台查看违规通知，按提示申诉。封禁期间网页授权无法使用。",
    fixEn:
      "Log in to the MP console, read the violation notice and appeal as it says. Web authorization is off while the ban lasts.",
  },
  {
    errcode: 10005,
    errorClass: "config",
    errmsg: "the Official Account has no permission for this scope",
    titleZh: "公众号没有网页授权权限",
    titleEn: "The account is not allowed to use this kind of authorization",
    fixZh:
      "网页授权只对完成微信认证的服务号开放。请在 公众号后台 → 设置与开发 → 接口权限 确认“网页授权”已获得。",
    fixEn:
      "Web authorization is only for verified Service Accounts. Check 设置与开发 → 接口权限 in the MP console shows “网页授权” as granted.",
  },
  {
    errcode: 10006,
    errorClass: "config",
    errmsg: "must follow this test account first",
    titleZh: "需要先关注测试号",
    titleEn: "The user must follow the test account first",
    fixZh: "这是测试号：请先用微信扫码关注该测试号，再打开链接。",
    fixEn: "This is a test account: scan its QR code in WeChat and follow it, then open the link again.",
  },
  {
    errcode: 10009,
    errorClass: "quota",
    errmsg: "operating too frequently, retry later",
    titleZh: "操作太频繁",
    titleEn: "Too many attempts",
    fixZh: "请等几分钟再打开链接。如果是程序在自动反复打开链接，请先停掉它。",
    fixEn:
      "Wait a few minutes, then open the link again. If a program is opening the link over and over, stop it first.",
  },
  {
    errcode: 10010,
    errorClass: "config",
    errmsg: "scope is empty",
    titleZh: "授权链接缺少授权方式（scope）",
    titleEn: "The authorize link has no scope",
    fixZh: "重新生成授权链接，授权方式选 snsapi_base（静默）或 snsapi_userinfo（弹窗）。",
    fixEn:
      "Build the authorize link again and choose snsapi_base (silent) or snsapi_userinfo (asks the user).",
  },
  {
    errcode: 10011,
    errorClass: "config",
    errmsg: "redirect_uri is empty",
    titleZh: "授权链接缺少回调地址",
    titleEn: "The authorize link has no redirect address",
    fixZh: "重新生成授权链接，并填写回调地址（用户授权后跳回的网址）。",
    fixEn: "Build the authorize link again with a redirect address (where users land after authorizing).",
  },
  {
    errcode: 10012,
    errorClass: "config",
    errmsg: "appid is empty",
    titleZh: "授权链接缺少 AppID",
    titleEn: "The authorize link has no AppID",
    fixZh: "重新生成授权链接，填入公众号的 AppID（公众号后台 → 设置与开发 → 基本配置）。",
    fixEn: "Build the authorize link again with the account's AppID (MP console → 设置与开发 → 基本配置).",
  },
  {
    errcode: 10013,
    errorClass: "config",
    errmsg: "state is empty",
    titleZh: "授权链接的 state 为空",
    titleEn: "The authorize link's state is empty",
    fixZh: "重新生成授权链接；state 只能用英文字母和数字，最长 128 个。",
    fixEn: "Build the authorize link again; state may only use English letters and digits, at most 128.",
  },
  {
    errcode: 10015,
    errorClass: "config",
    errmsg: "the Official Account has not authorized the third-party platform",
    titleZh: "公众号没有授权给第三方平台",
    titleEn: "The account has not authorized the third-party platform",
    fixZh: "请公众号管理员在第三方平台的授权页面完成授权，或改用公众号自己的 AppID。",
    fixEn:
      "Have the account's admin finish the third-party platform's authorization, or use the account's own AppID.",
  },
  {
    errcode: 10016,
    errorClass: "config",
    errmsg: "Open Platform AppID not supported, use an Official Account AppID",
    titleZh: "这是开放平台的 AppID，不能用于公众号网页授权",
    titleEn: "This is an Open Platform AppID, not an Official Account one",
    fixZh: "请改用公众号自己的 AppID（公众号后台 → 设置与开发 → 基本配置 → 开发者ID）。",
    fixEn: "Use the Official Account's own AppID (MP console → 设置与开发 → 基本配置 → 开发者ID).",
  },
];
