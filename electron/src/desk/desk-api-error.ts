import type { DeskError } from "../desk-api.js";

/**
 * The one error every DeskApi method rejects with: a stable `code`, English `message`, Chinese
 * `messageZh`, optional `details`. Own enumerable fields + `toJSON`, so both transports can send it
 * as the plain `DeskError` shape. Messages are written by us, never copied from a request: a key
 * or token can never end up in one.
 */
export class DeskApiError extends Error implements DeskError {
  override readonly name = "DeskApiError";
  readonly code: string;
  readonly messageZh: string;
  readonly details?: DeskError["details"];

  constructor(code: string, message: string, messageZh: string, details?: DeskError["details"]) {
    super(message);
    this.code = code;
    this.messageZh = messageZh;
    if (details !== undefined) this.details = details;
  }

  toJSON(): DeskError {
    return plainDeskError(this);
  }
}

/** Just the `DeskError` fields, structured-clone safe. */
export function plainDeskError(error: DeskError): DeskError {
  return {
    code: error.code,
    message: error.message,
    messageZh: error.messageZh,
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

export function isDeskError(value: unknown): value is DeskError {
  if (typeof value !== "object" || value === null) return false;
  const o = value as Record<string, unknown>;
  return typeof o.code === "string" && typeof o.message === "string" && typeof o.messageZh === "string";
}

/**
 * Anything thrown → a DeskError. Unknown errors (bugs) become `internal` with a generic message:
 * their text may hold paths or values we did not choose to show.
 */
export function toDeskError(error: unknown): DeskApiError {
  if (error instanceof DeskApiError) return error;
  if (isDeskError(error)) return new DeskApiError(error.code, error.message, error.messageZh, error.details);
  return new DeskApiError(
    "internal",
    "Something went wrong inside the app. Please try again; if it keeps happening, restart the app.",
    "应用内部出错了。请重试；如果一直出现，请重启应用。",
  );
}

export function badInput(message: string, messageZh: string, field?: string): DeskApiError {
  return new DeskApiError("bad_input", message, messageZh, field === undefined ? undefined : { field });
}
