import { defineMessages } from "../../i18n/define-messages.js";

/** Publishing, history and deleting the account's menu. */
export const publishMessages = defineMessages(
  {
    dialogTitle: "发布到公众号",
    reviewIntro: "发布后，粉丝看到的菜单会有这些变化：",
    reviewLoading: "正在和公众号上的菜单对比…",
    reviewNoChanges: "和公众号上的菜单完全一样，不需要发布。",
    confirmNote: "点「确认发布」会立即替换公众号现在的菜单，所有粉丝都会看到新菜单。",
    silentButtonsTitle: "这些「回复消息」按钮还没设置回复",
    silentButtonsBody: (names: readonly string[]) =>
      `${names.map((name) => `「${name}」`).join("、")}：粉丝点了不会收到任何消息。可以先发布，回头在按钮上或「自动回复」里设置。`,
    confirmPublish: "确认发布",
    publishing: "正在发布…",
    published: "菜单已发布",
    phoneRefreshNote: "手机上最多 5 分钟后可见：微信会过一会儿才刷新粉丝手机上的菜单。",
    phoneRefreshNoteLocal: "本地沙箱的手机马上就能看到。换成真实公众号时，粉丝手机上最多 5 分钟后才会刷新。",
    failedTitle: "菜单没有发布",
    failedProblems: "这些地方需要先改好：",
    backToEdit: "返回修改",
    sandboxStoppedTitle: "本地沙箱没有运行",
    sandboxStoppedBody: "这个菜单要发布到本机沙箱里的公众号。点「启动沙箱」，启动好后接着发布。",
    startingSandbox: "正在启动沙箱…",

    historyButton: "历史版本",
    historyTitle: "历史版本",
    historyIntro: "每次发布、删除或恢复都会留下一个版本，可以随时恢复到其中一个。",
    historyLoading: "正在读取历史版本…",
    historyFailed: "历史版本没有读出来",
    historyEmpty: "还没有发布过菜单。",
    historyNoneLive:
      "公众号现在的菜单不是下面任何一个版本（可能被清空了，或在别处改过），所以没有标「当前」。需要的话，恢复其中一个版本即可。",
    historyLiveUnknown: "没有读到公众号现在的菜单，所以没法标出哪个版本正在使用。",
    kindPublish: "发布",
    kindDelete: "删除菜单",
    kindRollback: "恢复旧版本",
    versionBy: (who: string) => `操作人 ${who}`,
    versionNoMenu: "没有菜单",
    versionCurrent: "当前",
    rollbackAction: "恢复这个版本",
    rollbackTitle: "把公众号菜单恢复成这个版本？",
    rollbackBody: (time: string) =>
      `公众号现在的菜单会换成 ${time} 的版本，编辑器里的草稿也会换成它（可以撤销）。`,
    rollbackConfirm: "恢复",
    rolledBack: "已恢复到这个版本",
    rollbackFailed: "没能恢复这个版本",

    deleteButton: "删除公众号菜单",
    deleteTitle: "删除公众号的菜单？",
    deleteBody: "粉丝将看不到任何菜单，个性化菜单也会一起删除。编辑器里的草稿会保留，随时可以重新发布。",
    deleteConfirm: "删除菜单",
    removed: "公众号的菜单已删除",
    removeFailed: "菜单没有删除",
  },
  {
    dialogTitle: "Publish to the account",
    reviewIntro: "After publishing, followers will see these changes:",
    reviewLoading: "Comparing with the account's menu…",
    reviewNoChanges: "This is exactly the account's current menu; nothing to publish.",
    confirmNote:
      "Confirm and publish replaces the account's current menu at once; every follower will get the new one.",
    silentButtonsTitle: 'These "Reply with a message" buttons have no reply yet',
    silentButtonsBody: (names) =>
      `${names.map((name) => `"${name}"`).join(", ")}: followers who tap them get no message. You can publish now and set the replies later, on the button or in Auto-replies.`,
    confirmPublish: "Confirm and publish",
    publishing: "Publishing…",
    published: "The menu is published",
    phoneRefreshNote: "Visible on phones within 5 minutes: WeChat refreshes followers' menus after a while.",
    phoneRefreshNoteLocal:
      "The local sandbox's phone shows it at once. On a real account, followers' phones refresh within 5 minutes.",
    failedTitle: "The menu was not published",
    failedProblems: "Fix these first:",
    backToEdit: "Back to editing",
    sandboxStoppedTitle: "The local sandbox is not running",
    sandboxStoppedBody:
      "This menu goes to the sandbox account on this computer. Press Start sandbox; publishing continues once it runs.",
    startingSandbox: "Starting the sandbox…",

    historyButton: "History",
    historyTitle: "History",
    historyIntro: "Every publish, delete or restore leaves a version; you can go back to any of them.",
    historyLoading: "Reading the history…",
    historyFailed: "The history did not load",
    historyEmpty: "No menu has been published yet.",
    historyNoneLive:
      "The account's menu right now is none of these versions (it was emptied, or changed elsewhere), so none is marked Current. Restore one of them if you need it.",
    historyLiveUnknown:
      "The account's current menu could not be read, so no version is marked as the one in use.",
    kindPublish: "Published",
    kindDelete: "Menu deleted",
    kindRollback: "Restored",
    versionBy: (who) => `by ${who}`,
    versionNoMenu: "No menu",
    versionCurrent: "Current",
    rollbackAction: "Restore this version",
    rollbackTitle: "Restore the account's menu to this version?",
    rollbackBody: (time) =>
      `The account's menu becomes the version from ${time}, and so does the editor's draft (you can undo that).`,
    rollbackConfirm: "Restore",
    rolledBack: "Restored this version",
    rollbackFailed: "Could not restore this version",

    deleteButton: "Delete the account's menu",
    deleteTitle: "Delete the account's menu?",
    deleteBody:
      "Followers will see no menu at all, and conditional menus go too. The editor's draft stays; you can publish it again any time.",
    deleteConfirm: "Delete menu",
    removed: "The account's menu is deleted",
    removeFailed: "The menu was not deleted",
  },
);
