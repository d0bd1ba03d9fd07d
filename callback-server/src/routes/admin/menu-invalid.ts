import { type MenuProblem, menuErrcode } from "@wxdesk/wechat";
import type { FastifyReply } from "fastify";
import { sendError } from "../../plugins/error-handler.js";

/**
 * 400 `menu_invalid`: every problem at once (path, code, errcode, messageZh, messageEn), so the editor
 * can mark each field; `errcode` is what WeChat itself would have answered (its first complaint).
 */
export function sendMenuInvalid(
  reply: FastifyReply,
  problems: MenuProblem[],
  what: "menu" | "rule",
): FastifyReply {
  const n = problems.length;
  const [en, zh] =
    what === "menu"
      ? [
          `The menu breaks WeChat's rules in ${n} place${n === 1 ? "" : "s"}; nothing was sent to WeChat`,
          `菜单有 ${n} 处不符合微信的规则，没有提交给微信`,
        ]
      : [
          `The personalised menu breaks WeChat's rules in ${n} place${n === 1 ? "" : "s"}; nothing was sent to WeChat`,
          `个性化菜单有 ${n} 处不符合微信的规则，没有提交给微信`,
        ];
  return sendError(reply, 400, "menu_invalid", en, zh, { errcode: menuErrcode(problems), problems });
}
