import type { DeskError } from "../desk-api.js";
import { toWireError } from "../shared/desk-error-wire.js";

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

/**
 * Anything thrown → a DeskApiError to throw again: the same judgement as what leaves over a transport
 * (`toWireError`: unknown errors, i.e. bugs, become `internal` with its one generic text), as a class.
 */
export function asDeskApiError(error: unknown): DeskApiError {
  if (error instanceof DeskApiError) return error;
  const { code, message, messageZh, details } = toWireError(error);
  return new DeskApiError(code, message, messageZh, details);
}

export function badInput(message: string, messageZh: string, field?: string): DeskApiError {
  return new DeskApiError("bad_input", message, messageZh, field === undefined ? undefined : { field });
}
