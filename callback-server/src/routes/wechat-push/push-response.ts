/** What the push endpoint answers: a status and a plain-text or XML body, never JSON, never a stack. */
export interface PushResponse {
  status: number;
  kind: "text" | "xml";
  body: string;
}

/** §9.3: the plain string `success` tells WeChat "no reply, do not retry". */
export const SUCCESS: PushResponse = { status: 200, kind: "text", body: "success" };

export function textResponse(status: number, body: string): PushResponse {
  return { status, kind: "text", body };
}

export function xmlResponse(body: string): PushResponse {
  return { status: 200, kind: "xml", body };
}

export const NOT_CONFIGURED = textResponse(
  503,
  "消息推送未配置：请设置 WXDESK_MSG_TOKEN / Message push is not configured: set WXDESK_MSG_TOKEN",
);

export const AES_NOT_CONFIGURED = textResponse(
  503,
  "安全模式需要 WXDESK_MSG_AES_KEY / Safe mode (encrypt_type=aes) needs WXDESK_MSG_AES_KEY",
);

export const BAD_SIGNATURE = textResponse(403, "签名校验失败 / signature check failed");
