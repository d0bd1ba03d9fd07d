import type { Menu } from "@wxdesk/wechat";
import { type DeskBridge, sandboxUsers } from "./desk-bridge.js";
import { authorizeInBackground, buildStartLink } from "./local-users.js";

const MENU: Menu = {
  button: [
    { type: "view", name: "商城", url: "https://shop.example.com/" },
    {
      name: "服务",
      sub_button: [
        { type: "click", name: "今日新闻", key: "TODAY_NEWS" },
        { type: "click", name: "签到", key: "SIGN_IN" },
        { type: "scancode_push", name: "扫一扫", key: "SCAN" },
      ],
    },
    { type: "click", name: "联系我们", key: "CONTACT" },
  ],
};

/** A published menu, a click reply and four authorized users (one refreshed): every screen has data. */
export async function seed(desk: DeskBridge): Promise<{ nickname: string }> {
  await desk.host.call("menu.saveDraft", [MENU]);
  const published = (await desk.host.call("menu.publish", [MENU])) as { ok: boolean };
  if (!published.ok) throw new Error("the seed menu was not published");
  await desk.host.call("replies.save", [
    { click: { TODAY_NEWS: { type: "text", content: "今天的新闻：wxdesk 上线了。" } } },
  ]);
  const startUrl = await buildStartLink(desk);
  const users = (await sandboxUsers(desk)).filter((u) => !u.snapshot && u.nickname).slice(0, 4);
  for (const user of users) await authorizeInBackground(desk, startUrl, user.openid);
  const first = users[0];
  if (!first) throw new Error("the sandbox has no normal fixture user");
  await desk.host.call("users.refresh", [first.openid]);
  return { nickname: first.nickname };
}
