import { defineMessages } from "../i18n/define-messages.js";

/** Words the shared components use (buttons in dialogs, counters, error boxes). */
export const uiMessages = defineMessages(
  {
    close: "关闭",
    cancel: "取消",
    retry: "重试",
    loading: "正在加载…",
    notifications: "通知",
    dismiss: "关闭通知",
    bytes: (used: number, max: number) => `${used}/${max} 字节`,
    howToFix: "怎么解决",
    errcode: (code: number) => `微信错误码 ${code}`,
    requestId: (rid: string) => `请求编号 ${rid}`,
    callerIp: (ip: string) => `服务器出口 IP ${ip}`,
    details: "详情",
    problemsHeading: "需要修改的地方",
  },
  {
    close: "Close",
    cancel: "Cancel",
    retry: "Try again",
    loading: "Loading…",
    notifications: "Notifications",
    dismiss: "Dismiss",
    bytes: (used, max) => `${used}/${max} bytes`,
    howToFix: "How to fix it",
    errcode: (code) => `WeChat error ${code}`,
    requestId: (rid) => `Request ID ${rid}`,
    callerIp: (ip) => `Server's outgoing IP ${ip}`,
    details: "Details",
    problemsHeading: "What to change",
  },
);
