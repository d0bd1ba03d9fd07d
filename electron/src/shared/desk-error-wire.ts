import type { DeskError } from "../desk-api.js";

/**
 * How a failed call crosses a transport. Electron's IPC keeps only `message` of a thrown Error, and
 * contextBridge drops custom properties of Error objects, so both transports carry an outcome object and
 * the renderer side rejects with a plain `DeskError` object — the same shape on both transports.
 */
export type CallOutcome = { ok: true; result: unknown } | { ok: false; error: DeskError };

/** Errors the transports themselves raise (the DeskApi implementation has its own codes). */
const TRANSPORT_ERRORS = {
  unknown_method: {
    messageZh: "应用请求了一个不存在的操作。请更新或重新安装应用。",
    message: "The app asked for an action that does not exist. Please update or reinstall the app.",
  },
  bad_input: {
    messageZh: "请求的格式不对，操作没有执行。",
    message: "The request was not in the expected form, so nothing was done.",
  },
  forbidden_sender: {
    messageZh: "这个请求不是来自应用自己的窗口，已拒绝。",
    message: "This request did not come from the app's own window, so it was refused.",
  },
  internal: {
    messageZh: "应用内部出错了，操作可能没有完成。请重试；如果一直出错，请重启应用。",
    message:
      "Something went wrong inside the app; the action may not have finished. Try again, or restart the app.",
  },
  bridge_unreachable: {
    messageZh: "连不上本机的 wxdesk 服务。请确认终端里的 `npm run web` 还在运行，然后刷新页面。",
    message:
      "Cannot reach the local wxdesk service. Check that `npm run web` is still running, then reload the page.",
  },
} as const;

export type TransportErrorCode = keyof typeof TRANSPORT_ERRORS;

export function transportError(code: TransportErrorCode): DeskError {
  return { code, ...TRANSPORT_ERRORS[code] };
}

/**
 * Turns anything thrown on the Node side into the plain `DeskError` that leaves over a transport (and the
 * one `internal` text). A DeskError-shaped value passes with its `details` (plain JSON by contract);
 * anything else becomes `internal` — its message is dropped on purpose, since an unexpected error's text
 * can carry anything (paths, URLs, server replies, a key).
 */
export function toWireError(error: unknown): DeskError {
  if (!isDeskError(error)) return transportError("internal");
  const { code, message, messageZh, details } = error;
  const result: DeskError = { code, message, messageZh };
  if (typeof details === "object" && details !== null) result.details = details;
  return result;
}

/** Whether a value has the DeskError shape (code, message, messageZh all strings). */
export function isDeskError(value: unknown): value is DeskError {
  if (typeof value !== "object" || value === null) return false;
  const o = value as Record<string, unknown>;
  return typeof o.code === "string" && typeof o.message === "string" && typeof o.messageZh === "string";
}
