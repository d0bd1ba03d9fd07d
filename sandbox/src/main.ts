#!/usr/bin/env -S npx tsx
import { startSandbox } from "./build-sandbox.js";
import { isLoopbackAddress } from "./host-guard.js";
import { SandboxEnvError, sandboxOptionsFromEnv } from "./sandbox-env.js";
import { SANDBOX_DEFAULTS, SANDBOX_SECOND_APP } from "./state/fixtures.js";

const port = Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULTS.port);
const host = process.env.SANDBOX_HOST ?? "127.0.0.1";
const seed = process.env.SANDBOX_SEED ?? SANDBOX_DEFAULTS.seed;
// In memory unless asked: a test run or a demo starts from the seed state every time.
const stateFile = process.env.SANDBOX_STATE_FILE?.trim() || undefined;

let fromEnv: ReturnType<typeof sandboxOptionsFromEnv>;
try {
  fromEnv = sandboxOptionsFromEnv(process.env);
} catch (error) {
  if (!(error instanceof SandboxEnvError)) throw error;
  process.stderr.write("沙箱设置有误 / Invalid sandbox settings:\n");
  for (const problem of error.problems)
    process.stderr.write(`  ✗ ${problem.messageZh}\n    ${problem.messageEn}\n`);
  process.exit(1);
}

const sandbox = await startSandbox({
  port,
  host,
  seed,
  logger: process.env.SANDBOX_LOG === "1",
  ...fromEnv,
  ...(stateFile ? { stateFile } : {}),
});
const d = SANDBOX_DEFAULTS;
const app = sandbox.app.sandbox.apps.get(d.appid);
const LOADED = {
  restored: "已恢复 / restored",
  missing: "新建 / new",
  broken: "无法读取，已另存并重新开始 / unreadable, kept aside, started afresh",
} as const;
process.stdout.write(
  [
    `微信沙箱已启动 / WeChat sandbox listening: ${sandbox.url}`,
    `  授权页 / authorize page:  ${sandbox.url}/connect/oauth2/authorize?appid=${d.appid}&redirect_uri=${encodeURIComponent("http://127.0.0.1/cb")}&response_type=code&scope=snsapi_userinfo&state=demo#wechat_redirect`,
    `  AppID:                    ${d.appid}`,
    `  AppSecret:                ${d.secret}`,
    `  令牌 / message token:     ${d.token}`,
    `  EncodingAESKey:           ${d.encodingAesKey}`,
    `  原始 ID / original id:    ${d.originalId}`,
    `  第二个测试号 / 2nd app:   ${SANDBOX_SECOND_APP.appid} (AppSecret ${SANDBOX_SECOND_APP.secret}; 其余同上 / rest as above)`,
    `  网页授权域名 / OAuth:      ${app?.authorizedDomains.join(", ")} (任意端口 / any port)`,
    `  JS接口安全域名 / JS-SDK:   ${app?.jssdkDomains.join(", ")}`,
    `  头像地址 / avatars:       ${fromEnv.publicUrl ?? "(请求的地址 / the address asked)"}/_sandbox/avatar/…`,
    `  随机种子 / seed:          ${seed}`,
    `  测试用户 / fixture users: ${sandbox.url}/_sandbox/users`,
    stateFile
      ? `  状态文件 / state file:    ${stateFile} (${LOADED[sandbox.stateLoad ?? "missing"]})`
      : "  状态只在内存里 / state in memory only (SANDBOX_STATE_FILE=… keeps it)",
    isLoopbackAddress(host)
      ? `  只接受本机地址访问 / answers only Host 127.0.0.1, localhost, [::1]${fromEnv.publicUrl ? `, ${new URL(fromEnv.publicUrl).hostname}` : ""} (DNS-rebinding guard)`
      : `  注意：监听 ${host}，不检查 Host / note: listening on ${host}, any Host is answered`,
    "",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
