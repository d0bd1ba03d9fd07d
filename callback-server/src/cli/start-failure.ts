import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

/** Why the server did not start, in both languages, and the exit status that tells a service manager whether to retry. */
export interface StartFailure {
  exitCode: ExitCode;
  zh: string;
  en: string;
}

/** Where the server tried to listen and what it tried to open: enough to name the cause, never a secret. */
export interface StartTarget {
  host: string;
  port: number;
  /** REDIS_URL is set (its value may hold a password and is never printed). */
  redis: boolean;
}

/** Network failures that pass when the other side comes up (Redis after a reboot, a DNS hiccup). */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

interface ErrorFields {
  code?: unknown;
  syscall?: unknown;
  name?: unknown;
  message?: unknown;
}

function fields(error: unknown): { code: string; syscall: string; name: string; message: string } {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorFields;
  return {
    code: typeof e.code === "string" ? e.code : "",
    syscall: typeof e.syscall === "string" ? e.syscall : "",
    name: typeof e.name === "string" ? e.name : "",
    message: typeof e.message === "string" ? e.message : String(error),
  };
}

/**
 * Names the cause of a start failure. Most causes may pass (exit 3, retried by systemd); the few
 * that cannot pass without a person changing something exit 1, like a bad setting.
 */
export function explainStartFailure(error: unknown, target: StartTarget): StartFailure {
  const { code, syscall, name, message } = fields(error);
  const { host, port } = target;
  // A cluster worker gets the primary's failure to bind the shared port: `bind`, not `listen`.
  if (syscall === "listen" || syscall === "bind" || code === "EADDRINUSE") {
    if (code === "EADDRINUSE")
      return {
        exitCode: EXIT_CODES.failed,
        zh: `端口 ${port}（${host}）已被占用：另一个程序（也许是还没退出的旧 wxdesk）正在使用它。`,
        en: `Port ${port} on ${host} is already in use: another program (perhaps the previous wxdesk, still stopping) holds it.`,
      };
    if (code === "EADDRNOTAVAIL")
      return {
        exitCode: EXIT_CODES.badSetting,
        zh: `本机没有地址 ${host}：请检查 WXDESK_HOST（只用 nginx 时写 127.0.0.1）。`,
        en: `${host} is not an address of this machine: check WXDESK_HOST (127.0.0.1 behind nginx).`,
      };
    if (code === "EACCES")
      return {
        exitCode: EXIT_CODES.badSetting,
        zh: `没有权限监听端口 ${port}：1024 以下的端口需要特权。请用 7200，由 nginx 对外提供 80/443。`,
        en: `No permission to listen on port ${port}: ports below 1024 need privileges. Use 7200 and let nginx serve 80/443.`,
      };
  }
  if (target.redis && /^(WRONGPASS|NOAUTH)/.test(message))
    return {
      exitCode: EXIT_CODES.badSetting,
      zh: "Redis 拒绝了密码：请检查 REDIS_URL 中的密码。",
      en: "Redis refused the password: check the password in REDIS_URL.",
    };
  if (target.redis && (UNREACHABLE.has(code) || name === "MaxRetriesPerRequestError"))
    return {
      exitCode: EXIT_CODES.failed,
      zh: "连不上 Redis（REDIS_URL）：它可能还没启动，或者地址不对。",
      en: "Redis (REDIS_URL) cannot be reached: it may not be up yet, or the address is wrong.",
    };
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB")
    return {
      exitCode: EXIT_CODES.badSetting,
      zh: `数据库文件已损坏（${code}）：请从备份恢复（见部署指南第 9 步）。`,
      en: `The database file is damaged (${code}): restore it from a backup (deployment guide, step 9).`,
    };
  return {
    exitCode: EXIT_CODES.failed,
    zh: `启动时出错：${message}`,
    en: `Start-up failed: ${message}`,
  };
}

/** The lines `server.ts` prints on stderr before it exits with `failure.exitCode`. */
export function startFailureLines(failure: StartFailure): string[] {
  const next =
    failure.exitCode === EXIT_CODES.failed
      ? [
          "  退出码 3：原因可能会自行消失，systemd 会在 5 秒后重新启动服务器。",
          "  Exit status 3: the cause may pass; systemd starts the server again after 5 s.",
        ]
      : [
          "  退出码 1：改正上面的问题后再启动（自动重启无济于事）。",
          "  Exit status 1: fix the problem above, then start again (restarting alone cannot help).",
        ];
  return ["服务器未能启动 / The server could not start:", `  ✗ ${failure.zh}`, `    ${failure.en}`, ...next];
}
