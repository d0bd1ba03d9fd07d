import { defineMessages } from "../i18n/define-messages.js";

/** The local sandbox wherever it shows (top bar, 设置): stopping it, and when it had to move. */
export const sandboxMessages = defineMessages(
  {
    stopTitle: "停止本地沙箱？",
    stopWhat:
      "模拟的微信和本地回调服务器会一起停下。停着的时候，授权链接打不开，模拟手机点不了菜单，菜单也没法发布或载入，直到再次启动。",
    stopKept:
      "什么都不会丢：菜单和个性化菜单、自动回复、授权过的用户、动态和测试用户都保存在这台电脑上。再次启动后一切照旧，地址不变，已发布的链接照样能打开。",
    stopConfirm: "停止沙箱",
    movedTitle: "本地沙箱这次换了地址",
    movedServer: (from: string, to: string) =>
      `原来的端口被别的程序占用了，所以本地回调服务器从 ${from} 换到了 ${to}。`,
    movedSandbox: (from: string, to: string) =>
      `原来的端口被别的程序占用了，所以模拟的微信从 ${from} 换到了 ${to}。`,
    movedKept: "以后每次启动都用新地址。",
    staleTitle: (n: number) => `有 ${n} 个已发布的菜单按钮还指向旧地址`,
    staleIntro:
      "这些按钮在手机上点开会是一片空白。请在菜单里选中这些按钮，点「插入授权链接」重新生成链接，再重新发布：",
    staleNone: "已发布的菜单里没有指向旧地址的链接，不需要做什么。",
    staleButton: (name: string) => `「${name}」`,
    staleConditionalButton: (name: string) => `「${name}」（个性化菜单）`,
    goToMenu: "去改菜单",
    goToConditional: "去改个性化菜单",
    topbarMoved: "沙箱换了地址",
    topbarStale: (n: number) => `${n} 个链接要重新发布`,
  },
  {
    stopTitle: "Stop the local sandbox?",
    stopWhat:
      "The stand-in WeChat and the local callback server stop together. While they are stopped, authorize links do not open, the test phone cannot tap buttons, and the menu cannot be published or loaded — until you start it again.",
    stopKept:
      "Nothing is lost: the menu and personalised menus, auto-replies, users who authorized, the activity and the test users stay on this computer. Started again, everything is as it was, at the same address, and published links still open.",
    stopConfirm: "Stop sandbox",
    movedTitle: "The local sandbox moved to a new address this time",
    movedServer: (from, to) =>
      `Another program was using its port, so the local callback server moved from ${from} to ${to}.`,
    movedSandbox: (from, to) =>
      `Another program was using its port, so the stand-in WeChat moved from ${from} to ${to}.`,
    movedKept: "It keeps the new address from now on.",
    staleTitle: (n) =>
      `${n} published menu ${n === 1 ? "button still points" : "buttons still point"} at the old address`,
    staleIntro:
      "On a phone these buttons open a blank page. In the menu, select each of them, make its link again with “Insert authorize link”, then publish again:",
    staleNone: "No published menu link points at the old address: nothing to do.",
    staleButton: (name) => `“${name}”`,
    staleConditionalButton: (name) => `“${name}” (personalised menu)`,
    goToMenu: "Edit the menu",
    goToConditional: "Edit personalised menus",
    topbarMoved: "Sandbox moved",
    topbarStale: (n) => `${n} ${n === 1 ? "link" : "links"} to republish`,
  },
);
