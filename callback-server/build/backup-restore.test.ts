import { spawnSync } from "node:child_process";
import {
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/cli/exit-codes.js";
import { getJson, tempDir } from "../src/testing/test-server.js";
import { buildServerDist } from "./build-server-dist.js";
import { installLikeProduction, runBuiltServer, startBuiltServer } from "./testing/built-server-process.js";
import { readDeployGuide } from "./testing/deploy-file-parsers.js";
import { sandboxServerEnv } from "./testing/sandbox-server-env.js";
import { plainUser, signInThroughSandbox } from "./testing/sandbox-sign-in.js";

/**
 * A restore drill with the deployment guide's own step-9 commands (docs/deploy.md, systemd): a server with a signed-in user
 * is backed up while it runs, the machine is lost, a new one starts empty, the backup and the
 * token-key are restored, and the user's stored token still opens (an admin token check passes).
 */

const ADMIN_KEY = "drill-admin-key-0123456789abcdefghij";
/** Stands for the uid systemd allocates to the service (`nobody` here). */
const SERVICE_UID = 65534;

/** The guide's systemd paths, and where they are in this drill. */
interface Places {
  app: string; // /opt/wxdesk-callback
  data: string; // /var/lib/wxdesk
  backups: string; // /root/wxdesk-backup
}

let work: ReturnType<typeof tempDir>;
let places: Places;
let sandbox: StartedSandbox;

beforeAll(async () => {
  work = tempDir("wxdesk-drill-");
  const built = await buildServerDist({ outDir: join(work.path, "dist"), logLevel: "error" });
  places = {
    app: join(work.path, "opt"),
    data: join(work.path, "var-lib-wxdesk"),
    backups: join(work.path, "root-backup"),
  };
  makeStateDirectory();
  installLikeProduction(built.outDir, places.app);
  sandbox = await startSandbox();
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  work?.remove();
});

/** Step 9's commands for systemd, in the order the guide gives them (中文 and English must agree). */
function guideCommands(): { saveKey: string; makeFolder: string; backup: string; restore: string } {
  const guide = readDeployGuide();
  const lines = (pattern: RegExp) => {
    const found = guide.split("\n").filter((line) => pattern.test(line));
    // In the Chinese and in the English guide, word for word.
    expect(found.length, String(pattern)).toBeGreaterThanOrEqual(2);
    expect(new Set(found).size, String(pattern)).toBe(1);
    return (found[0] as string).trim();
  };
  return {
    saveKey: lines(/^sudo cat \/var\/lib\/wxdesk\/token-key$/),
    makeFolder: lines(/^sudo install -d -m 0700 \/root\/wxdesk-backup$/),
    backup: lines(/^sudo node \/opt\/wxdesk-callback\/server\.js backup /),
    restore: lines(/^sudo node \/opt\/wxdesk-callback\/server\.js restore /),
  };
}

/** A guide command as this drill runs it: no sudo, this Node.js, the drill's folders. */
function here(command: string): string {
  return command
    .replace(/^sudo /, "")
    .replace(/^node /, `"${process.execPath}" `)
    .replaceAll("/opt/wxdesk-callback/", `${places.app}/`)
    .replaceAll("/var/lib/wxdesk/", `${places.data}/`)
    .replaceAll("/root/wxdesk-backup", places.backups);
}

function sh(command: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("sh", ["-c", here(command)], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function serverEnv(): Record<string, string> {
  // The unit's Environment=WXDESK_DB=/var/lib/wxdesk/wxdesk.db
  return sandboxServerEnv(sandbox.url, places.data, { WXDESK_ADMIN_KEY: ADMIN_KEY });
}

async function tokenCheck(url: string, openid: string): Promise<{ status: number; ok: unknown }> {
  const answer = await getJson<{ ok?: unknown }>(`${url}/admin/api/users/${openid}/check`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  return { status: answer.status, ok: answer.body?.ok };
}

/** Where DynamicUser keeps the state: /var/lib/wxdesk is a link to /var/lib/private/wxdesk. */
const privateData = () => join(work.path, "private", "wxdesk");

/** systemd's StateDirectory= with DynamicUser=yes: the folder behind a link, owned by the service's user. */
function makeStateDirectory(): void {
  mkdirSync(privateData(), { recursive: true, mode: 0o700 });
  if (!existsSync(places.data)) symlinkSync(privateData(), places.data);
  // Run as root (CI is), the folder belongs to another user, as the dynamic user's does.
  if (process.getuid?.() === 0) chownSync(privateData(), SERVICE_UID, SERVICE_UID);
}

/** "A new server": the data folder is gone; the service starts once (making it afresh) and is stopped. */
async function newMachine(): Promise<void> {
  rmSync(join(work.path, "private"), { recursive: true, force: true });
  makeStateDirectory();
  const first = await startBuiltServer(places.app, serverEnv());
  expect(await first.stop()).toBe(EXIT_CODES.ok);
}

describe("step 9: back up, lose the machine, restore", { timeout: 120_000 }, () => {
  it("brings back the users and the key to their tokens: sign-ins work and the stored token still opens", async () => {
    const guide = guideCommands();
    const before = await startBuiltServer(places.app, serverEnv());
    let openid: string;
    try {
      const signed = await signInThroughSandbox(before.url, sandbox.url, plainUser());
      expect(signed.statuses.landing).toBe(200);
      openid = signed.user.openid;
      expect(await tokenCheck(before.url, openid)).toEqual({ status: 200, ok: true });

      // Once: the token-key goes to a password manager; at restore time it is pasted into a file.
      const key = sh(guide.saveKey);
      expect(key.status).toBe(0);
      expect(key.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(sh(guide.makeFolder).status).toBe(0);
      writeFileSync(join(places.backups, "token-key"), key.stdout);

      // While the server runs.
      const backup = sh(guide.backup);
      expect(backup.status, backup.stderr).toBe(EXIT_CODES.ok);
      expect(backup.stderr).toContain("已备份 1 个用户");
      expect(backup.stderr).toContain("Backed up 1 user →");
      expect(backup.stdout).toBe("");
    } finally {
      expect(await before.stop()).toBe(EXIT_CODES.ok);
    }
    const [backupFile] = readdirSync(places.backups).filter((name) =>
      /^wxdesk-\d{4}-\d{2}-\d{2}\.db$/.test(name),
    );
    expect(backupFile).toBeDefined();
    const backupPath = join(places.backups, backupFile as string);
    expect(statSync(backupPath).mode & 0o777).toBe(0o600);
    // The backup is one file: the key to the tokens is not in it, nor anything beside it.
    expect(
      readFileSync(backupPath).includes(readFileSync(join(places.data, "token-key")).subarray(0, 64)),
    ).toBe(false);
    expect(readdirSync(places.backups).sort()).toEqual([backupFile, "token-key"].sort());

    await newMachine();
    const restore = sh(guide.restore.replace(/wxdesk-\d{4}-\d{2}-\d{2}\.db/, backupFile as string));
    expect(restore.status, restore.stderr).toBe(EXIT_CODES.ok);
    expect(restore.stderr).toContain("已恢复 1 个用户");
    expect(restore.stderr).toContain("✓ 数据目录中的 token-key 能解开备份里的用户令牌");
    for (const file of ["wxdesk.db", "token-key"]) {
      const restored = statSync(join(places.data, file));
      expect(restored.mode & 0o777, file).toBe(0o600);
      // Restored by root (sudo), owned by the service's user: otherwise it could not open them.
      if (process.getuid?.() === 0) expect(restored.uid, file).toBe(SERVICE_UID);
    }
    // Through the link, into the folder behind it: the link itself is still a link.
    expect(lstatSync(places.data).isSymbolicLink()).toBe(true);
    expect(existsSync(join(privateData(), "wxdesk.db"))).toBe(true);
    expect(existsSync(join(places.data, "wxdesk.db-wal"))).toBe(false);

    const after = await startBuiltServer(places.app, serverEnv());
    try {
      expect(await tokenCheck(after.url, openid)).toEqual({ status: 200, ok: true });
      const next = await signInThroughSandbox(after.url, sandbox.url, plainUser([openid]));
      expect(next.statuses).toEqual({ start: 302, callback: 302, landing: 200 });
      expect(next.landingHtml).toContain(next.user.nickname);
    } finally {
      expect(await after.stop()).toBe(EXIT_CODES.ok);
    }
  });

  it("without the old token-key, restore says the tokens will not open, and they do not", async () => {
    const guide = guideCommands();
    const [backupFile] = readdirSync(places.backups).filter((name) => name.endsWith(".db"));
    expect(backupFile).toBeDefined();
    await newMachine(); // a fresh token-key, not the one of the backup
    const withoutKey = guide.restore
      .replace(/wxdesk-\d{4}-\d{2}-\d{2}\.db/, backupFile as string)
      .replace(/\s+\/root\/wxdesk-backup\/token-key$/, "");
    const restore = sh(withoutKey);
    expect(restore.status).toBe(EXIT_CODES.ok);
    expect(restore.stderr).toContain("⚠ 数据目录中的 token-key 解不开备份里的用户令牌");
    expect(restore.stderr).toContain("does not open the users' tokens");

    // The server then refuses to start with a key that opens none of the stored tokens (exit 1)…
    const refused = await runBuiltServer(places.app, { env: serverEnv() });
    expect(refused.code).toBe(EXIT_CODES.badSetting);
    expect(refused.stderr).toContain("现在的 token-key 解不开已保存的用户令牌");
    const fingerprint = /WXDESK_ACCEPT_NEW_TOKEN_KEY=([0-9a-f]{12})/.exec(refused.stderr)?.[1];
    expect(fingerprint).toBeDefined();

    // …until the new key is accepted: then the old users' tokens are reported for what they are.
    const after = await startBuiltServer(places.app, {
      ...serverEnv(),
      WXDESK_ACCEPT_NEW_TOKEN_KEY: fingerprint as string,
    });
    try {
      const users = await getJson<{ users: Array<{ openid: string }> }>(`${after.url}/admin/api/users`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      const openid = users.body.users[0]?.openid as string;
      const check = await tokenCheck(after.url, openid);
      expect(check.status).toBe(409);
      expect(check.ok).not.toBe(true);
    } finally {
      expect(await after.stop()).toBe(EXIT_CODES.ok);
    }
  });

  it("refuses what is not a wxdesk backup and a token-key that is not one, before touching the data folder", () => {
    const guide = guideCommands();
    const junk = join(places.backups, "wxdesk-2000-01-01.db");
    writeFileSync(junk, "not a database");
    const before = readFileSync(join(places.data, "wxdesk.db"));
    const restore = sh(guide.restore.replace(/wxdesk-\d{4}-\d{2}-\d{2}\.db/, "wxdesk-2000-01-01.db"));
    expect(restore.status).toBe(EXIT_CODES.badSetting);
    expect(restore.stderr).toMatch(/不是完好的 SQLite 数据库|已损坏/);
    expect(readFileSync(join(places.data, "wxdesk.db")).equals(before)).toBe(true);

    mkdirSync(dirname(join(places.backups, "bad", "token-key")), { recursive: true });
    writeFileSync(join(places.backups, "bad", "token-key"), "password123\n");
    const [backupFile] = readdirSync(places.backups).filter((name) => /^wxdesk-20[1-9]\d-/.test(name));
    const badKey = sh(
      guide.restore
        .replace(/wxdesk-\d{4}-\d{2}-\d{2}\.db/, backupFile as string)
        .replace(/\/token-key$/, "/bad/token-key"),
    );
    expect(badKey.status).toBe(EXIT_CODES.badSetting);
    expect(badKey.stderr).toContain("不是 token-key");
    expect(readFileSync(join(places.data, "wxdesk.db")).equals(before)).toBe(true);
  });
});
