import type { FastifyReply } from "fastify";

/** A bad control-API body: answered as HTTP 400 `{error:{code, message, messageZh}}`, never 500. */
export class BadInput extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

export function sendBadInput(reply: FastifyReply, error: BadInput): FastifyReply {
  return reply
    .code(400)
    .header("content-type", "application/json; charset=utf-8")
    .send(
      JSON.stringify({ error: { code: error.code, message: error.message, messageZh: error.messageZh } }),
    );
}

/** The raw body (from the catch-all parser) as JSON, or BadInput. */
export function jsonInput(body: unknown): unknown {
  const text = typeof body === "string" ? body : "";
  if (text.trim() === "")
    throw new BadInput("empty_body", "The request body must be JSON", "请求体必须是 JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new BadInput("bad_json", "The request body is not valid JSON", "请求体不是合法的 JSON");
  }
}

export function objectInput(body: unknown): Record<string, unknown> {
  const value = jsonInput(body);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new BadInput("not_object", "The request body must be a JSON object", "请求体必须是 JSON 对象");
  }
  return value as Record<string, unknown>;
}

export function optionalString(
  o: Record<string, unknown>,
  key: string,
  rule?: { max?: number; pattern?: RegExp; allowed?: readonly string[] },
): string | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new BadInput("bad_field", `"${key}" must be a string`, `「${key}」必须是字符串`);
  }
  if (rule?.max !== undefined && value.length > rule.max) {
    throw new BadInput(
      "bad_field",
      `"${key}" is longer than ${rule.max} characters`,
      `「${key}」超过 ${rule.max} 个字符`,
    );
  }
  if (rule?.pattern && !rule.pattern.test(value)) {
    throw new BadInput("bad_field", `"${key}" has the wrong format`, `「${key}」格式不正确`);
  }
  if (rule?.allowed && !rule.allowed.includes(value)) {
    throw new BadInput(
      "bad_field",
      `"${key}" must be one of ${rule.allowed.join(", ")}`,
      `「${key}」只能是 ${rule.allowed.join("、")}`,
    );
  }
  return value;
}

export function requiredString(
  o: Record<string, unknown>,
  key: string,
  rule?: { max?: number; pattern?: RegExp; allowed?: readonly string[] },
): string {
  const value = optionalString(o, key, rule);
  if (value === undefined || value === "") {
    throw new BadInput("missing_field", `"${key}" is required`, `缺少「${key}」`);
  }
  return value;
}

export function optionalNumber(
  o: Record<string, unknown>,
  key: string,
  rule: { min: number; max: number; integer?: boolean },
): number | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < rule.min || value > rule.max) {
    throw new BadInput(
      "bad_field",
      `"${key}" must be a number from ${rule.min} to ${rule.max}`,
      `「${key}」必须是 ${rule.min} 到 ${rule.max} 之间的数字`,
    );
  }
  if (rule.integer && !Number.isInteger(value)) {
    throw new BadInput("bad_field", `"${key}" must be an integer`, `「${key}」必须是整数`);
  }
  return value;
}

export function optionalBoolean(o: Record<string, unknown>, key: string): boolean | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean")
    throw new BadInput("bad_field", `"${key}" must be true or false`, `「${key}」必须是 true 或 false`);
  return value;
}

/** Rejects fields the endpoint does not know, so typos do not pass silently. */
export function onlyKeys(o: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!keys.includes(key))
      throw new BadInput("unknown_field", `Unknown field "${key}"`, `未知字段「${key}」`);
  }
}
