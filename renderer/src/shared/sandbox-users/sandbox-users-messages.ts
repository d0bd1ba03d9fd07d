import { defineMessages } from "../../i18n/define-messages.js";

export const sandboxUsersMessages = defineMessages(
  {
    label: "测试用户",
    snapshot: (name: string) => `${name}（快照页用户）`,
  },
  {
    label: "Test user",
    snapshot: (name) => `${name} (snapshot-page user)`,
  },
);
