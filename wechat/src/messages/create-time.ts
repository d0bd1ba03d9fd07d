import { MessageParseError } from "./message-parse-error.js";

/**
 * `CreateTime` (§9.2, §9.3): whole Unix seconds, written bare. More digits than a safe integer holds would
 * be rounded silently (and 400 nines become Infinity), so such a value is malformed, not a time.
 */
export function readCreateTime(text: string): number {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !Number.isSafeInteger(value)) {
    throw new MessageParseError("malformed", "CreateTime is not a whole number of seconds");
  }
  return value;
}
