import { z } from "zod";
import { badInput, type DeskApiError } from "../desk-api-error.js";
import { INPUT_WORDS, isInputWord } from "./input-words.js";

const MAX_ISSUES = 4;

function where(path: PropertyKey[], zh: boolean): string {
  const [first, ...rest] = path;
  const argument =
    typeof first === "number"
      ? zh
        ? `第 ${first + 1} 个参数`
        : `argument ${first + 1}`
      : zh
        ? "参数"
        : "arguments";
  const field = rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return field ? `${argument} ${field.replace(/^\./, "")}` : argument;
}

function fieldPath(path: PropertyKey[]): string {
  const [first, ...rest] = path;
  const head = typeof first === "number" ? `args[${first}]` : "args";
  return head + rest.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

function line(issue: z.core.$ZodIssue, zh: boolean): string {
  const own = isInputWord(issue.message) ? INPUT_WORDS[issue.message] : undefined;
  const text = own ? (zh ? own.zh : own.en) : issue.message;
  return `${where(issue.path, zh)}${zh ? "：" : ": "}${text}`;
}

/**
 * A failed argument check as a `bad_input` DeskError in both languages. Zod's messages name the
 * rule (expected type, allowed values, lengths), never the value given: a mistyped key is not echoed.
 */
export function describeBadInput(
  method: string,
  schema: z.ZodType,
  args: unknown,
  error: z.ZodError,
): DeskApiError {
  const zhIssues =
    schema.safeParse(args, { error: z.locales.zhCN().localeError }).error?.issues ?? error.issues;
  const en = error.issues.slice(0, MAX_ISSUES).map((i) => line(i, false));
  const zh = zhIssues.slice(0, MAX_ISSUES).map((i) => line(i, true));
  const more = error.issues.length > MAX_ISSUES ? error.issues.length - MAX_ISSUES : 0;
  const first = error.issues[0];
  return badInput(
    `Bad input for ${method}: ${en.join("; ")}${more ? ` (and ${more} more)` : ""}`,
    `${method} 的输入有误：${zh.join("；")}${more ? `（另有 ${more} 处）` : ""}`,
    first ? fieldPath(first.path) : undefined,
  );
}
