import type { DeskError } from "../desk-api.js";

/** Refusals of the bridge's guard, in words a user can act on (zh first). */
const BRIDGE_ERRORS = {
  unauthorized: {
    status: 401,
    messageZh: "请用终端里 `npm run web` 打印的完整链接（带 token）打开这个页面。",
    message: "Open this page with the full link (with its token) that `npm run web` printed in the terminal.",
  },
  forbidden_host: {
    status: 403,
    messageZh: "只能通过 127.0.0.1、localhost 或 [::1] 访问这个本机服务。",
    message: "This local service only answers on 127.0.0.1, localhost or [::1].",
  },
  forbidden_origin: {
    status: 403,
    messageZh: "请求来自别的网站，已拒绝。",
    message: "The request came from another site, so it was refused.",
  },
  missing_bridge_header: {
    status: 403,
    messageZh: "请求缺少 wxdesk 的标记，可能来自别的网站，已拒绝。",
    message: "The request lacks wxdesk's marker header and may come from another site, so it was refused.",
  },
} as const;

export type BridgeErrorCode = keyof typeof BRIDGE_ERRORS;

export function bridgeError(code: BridgeErrorCode): { status: number; error: DeskError } {
  const { status, messageZh, message } = BRIDGE_ERRORS[code];
  return { status, error: { code, message, messageZh } };
}
