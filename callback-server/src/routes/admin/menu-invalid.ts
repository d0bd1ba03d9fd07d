import { type MenuProblem, menuErrcode } from "@wxdesk/wechat";
import type { FastifyReply } from "fastify";
import { sendError } from "../../plugins/error-handler.js";

/**
 * 400 `menu_invalid`: every problem at once (path, code, errcode, messageZh, messageEn), so the editor
 * can mark each field; `errcode` is what WeChat itself would have answered (its first complaint). When
 * one of wxdesk's own rules is among them (`rule: "wxdesk"`), the message does not blame WeChat.
 */
export function sendMenuInvalid(
  reply: FastifyReply,
  problems: MenuProblem[],
  what: "menu" | "rule",
): FastifyReply {
  const n = problems.length;
  const places = `${n} place${n === 1 ? "" : "s"}`;
  const wechatOnly = problems.every((p) => p.rule !== "wxdesk");
  const [whatEn, whatZh] = what === "menu" ? ["The menu", "菜单"] : ["The personalised menu", "个性化菜单"];
  const [en, zh] = wechatOnly
    ? [
        `${whatEn} breaks WeChat's rules in ${places}; nothing was sent to WeChat`,
        `${whatZh}有 ${n} 处不符合微信的规则，没有提交给微信`,
      ]
    : [
        `${whatEn} needs fixing in ${places}; nothing was sent to WeChat`,
        `${whatZh}有 ${n} 处需要修改，没有提交给微信`,
      ];
  return sendError(reply, 400, "menu_invalid", en, zh, { errcode: menuErrcode(problems), problems });
}
