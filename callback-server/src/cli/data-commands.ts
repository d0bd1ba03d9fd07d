import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GENERATED_SECRETS } from "../config/data-secrets.js";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { writePrivateFile } from "../store/private-file.js";
import { BackupError, backupDatabase, restoreDatabase } from "../store/sqlite-backup.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { DataCommand } from "./data-command-names.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

export { DATA_COMMANDS, type DataCommand } from "./data-command-names.js";

const USAGE = [
  "用法 / Usage:",
  "  node server.js backup  <数据库 database.db> <备份文件 backup.db>",
  "  node server.js restore <备份文件 backup.db> <数据库 database.db> [<token-key 文件 file>]",
  "备份时服务器可以照常运行；恢复前要先停止服务器。",
  "A backup can run while the server runs; stop the server before a restore.",
];

const TOKEN_KEY_FILE = GENERATED_SECRETS.tokenKey.file;
const KEY_HEX = /^[0-9a-fA-F]{64}$/;

function say(...lines: string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
}

function kb(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Which of the stored tokens the data folder's key opens: the question a restore must answer. */
async function checkTokens(database: string): Promise<string[]> {
  const keyPath = join(dirname(database), TOKEN_KEY_FILE);
  if (!existsSync(keyPath))
    return [
      `数据目录中没有 ${TOKEN_KEY_FILE}：如果服务器用 WXDESK_TOKEN_KEY，它必须与备份时相同，否则用户要重新授权。`,
      `No ${TOKEN_KEY_FILE} in the data folder: if the server uses WXDESK_TOKEN_KEY, it must be the one in use when the backup was made, or users must authorize again.`,
    ];
  const key = readFileSync(keyPath, "utf8").trim();
  if (!KEY_HEX.test(key))
    return [
      `⚠ 数据目录中的 ${TOKEN_KEY_FILE} 已损坏（应为 64 位十六进制字符）：请放回备份时的 ${TOKEN_KEY_FILE}。`,
      `⚠ The ${TOKEN_KEY_FILE} in the data folder is damaged (64 hexadecimal characters expected): put back the one of that time.`,
    ];
  const cipher = createTokenCipher(key.toLowerCase());
  const store = new SqliteStore({ path: database });
  try {
    const newest = (await store.searchUsers({ limit: 1 })).users[0];
    if (!newest) return ["备份里没有用户。", "The backup holds no users."];
    try {
      cipher.decrypt(newest.tokens.refreshTokenEnc);
      return [
        `✓ 数据目录中的 ${TOKEN_KEY_FILE} 能解开备份里的用户令牌。`,
        `✓ The ${TOKEN_KEY_FILE} in the data folder opens the users' tokens in the backup.`,
      ];
    } catch {
      return [
        `⚠ 数据目录中的 ${TOKEN_KEY_FILE} 解不开备份里的用户令牌：请放回备份时的 ${TOKEN_KEY_FILE}（restore 的第三个参数），否则用户要重新授权。`,
        `⚠ The ${TOKEN_KEY_FILE} in the data folder does not open the users' tokens in the backup: put back the ${TOKEN_KEY_FILE} of that time (restore's third argument), or users must authorize again.`,
      ];
    }
  } finally {
    await store.close();
  }
}

function usersEn(count: number): string {
  return count === 1 ? "1 user" : `${count} users`;
}

async function backup(args: string[]): Promise<ExitCode> {
  const [database, backupFile] = args.map((arg) => resolve(arg));
  if (!database || !backupFile || args.length !== 2) return usage();
  const copied = await backupDatabase(database, backupFile);
  say(
    `✓ 已备份 ${copied.users} 个用户 → ${backupFile}（${kb(copied.bytes)}，权限 0600）`,
    `✓ Backed up ${usersEn(copied.users)} → ${backupFile} (${kb(copied.bytes)}, mode 0600)`,
    `  备份里没有 ${TOKEN_KEY_FILE}（解开用户令牌的钥匙）：请另外保管它，不要和备份放在一起。`,
    `  ${TOKEN_KEY_FILE} (the key to the users' tokens) is not in the backup: keep it separately, not next to the backup.`,
  );
  return EXIT_CODES.ok;
}

async function restore(args: string[]): Promise<ExitCode> {
  const [backupFile, database, tokenKeyFile] = args.map((arg) => resolve(arg));
  if (!backupFile || !database || args.length > 3) return usage();
  // Every input is checked before the data folder is touched.
  let tokenKey: string | undefined;
  if (tokenKeyFile) {
    tokenKey = existsSync(tokenKeyFile) ? readFileSync(tokenKeyFile, "utf8").trim() : undefined;
    if (!tokenKey || !KEY_HEX.test(tokenKey))
      throw new BackupError(
        "damaged",
        `${tokenKeyFile} 不是 token-key（应为 64 位十六进制字符）`,
        `${tokenKeyFile} is not a token-key (64 hexadecimal characters expected)`,
      );
  }
  const copied = await restoreDatabase(backupFile, database);
  if (tokenKey) writePrivateFile(join(dirname(database), TOKEN_KEY_FILE), `${tokenKey.toLowerCase()}\n`);
  say(
    `✓ 已恢复 ${copied.users} 个用户 → ${database}${tokenKey ? `，以及 ${TOKEN_KEY_FILE}` : ""}`,
    `✓ Restored ${usersEn(copied.users)} → ${database}${tokenKey ? `, and ${TOKEN_KEY_FILE}` : ""}`,
    ...(await checkTokens(database)),
    "现在启动服务器。/ Now start the server.",
  );
  return EXIT_CODES.ok;
}

function usage(): ExitCode {
  say(...USAGE);
  return EXIT_CODES.badSetting;
}

/** Runs `backup` or `restore` with the arguments after the command's name; returns the exit status. */
export async function runDataCommand(command: DataCommand, args: string[]): Promise<ExitCode> {
  try {
    return command === "backup" ? await backup(args) : await restore(args);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    say(`✗ ${error.messageZh}`, `  ${error.message}`);
    return EXIT_CODES.badSetting;
  }
}
