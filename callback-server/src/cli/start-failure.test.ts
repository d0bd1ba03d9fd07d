import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "./exit-codes.js";
import { explainStartFailure, startFailureLines } from "./start-failure.js";

const target = { host: "127.0.0.1", port: 7200, redis: true };
const error = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? "x")), fields);

describe("explainStartFailure: retry (3) what may pass, stop (1) what a person must fix", () => {
  it.each([
    ["port in use", error({ code: "EADDRINUSE", syscall: "listen" }), EXIT_CODES.failed, "已被占用"],
    ["Redis refusing connections", error({ code: "ECONNREFUSED" }), EXIT_CODES.failed, "连不上 Redis"],
    [
      "Redis retries used up",
      error({ name: "MaxRetriesPerRequestError" }),
      EXIT_CODES.failed,
      "连不上 Redis",
    ],
    ["Redis name not resolving (yet)", error({ code: "EAI_AGAIN" }), EXIT_CODES.failed, "连不上 Redis"],
    [
      "Redis password wrong",
      error({ message: "WRONGPASS invalid username-password pair" }),
      EXIT_CODES.badSetting,
      "密码",
    ],
    [
      "an address not on this machine",
      error({ code: "EADDRNOTAVAIL", syscall: "listen" }),
      EXIT_CODES.badSetting,
      "WXDESK_HOST",
    ],
    [
      "an address not on this machine, in a cluster worker (WXDESK_WORKERS > 1)",
      error({ code: "EADDRNOTAVAIL", syscall: "bind" }),
      EXIT_CODES.badSetting,
      "WXDESK_HOST",
    ],
    ["a privileged port", error({ code: "EACCES", syscall: "listen" }), EXIT_CODES.badSetting, "1024"],
    ["a damaged database", error({ code: "SQLITE_CORRUPT" }), EXIT_CODES.badSetting, "备份"],
    ["anything else", error({ message: "surprise" }), EXIT_CODES.failed, "surprise"],
  ])("%s", (_name, cause, exitCode, words) => {
    const failure = explainStartFailure(cause, target);
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.zh).toContain(words);
    expect(failure.en.length).toBeGreaterThan(10);
    const lines = startFailureLines(failure).join("\n");
    expect(lines).toContain(`退出码 ${exitCode}`);
    expect(lines).toContain(`Exit status ${exitCode}`);
  });

  it("a connection refused without REDIS_URL is not blamed on Redis", () => {
    const failure = explainStartFailure(error({ code: "ECONNREFUSED", message: "boom" }), {
      ...target,
      redis: false,
    });
    expect(failure.zh).not.toContain("Redis");
    expect(failure.exitCode).toBe(EXIT_CODES.failed);
  });
});
