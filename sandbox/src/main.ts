#!/usr/bin/env -S npx tsx
import { startSandbox } from "./build-sandbox.js";
import { SANDBOX_DEFAULTS, SANDBOX_SECOND_APP } from "./state/fixtures.js";

const port = Number(process.env.SANDBOX_PORT ?? SANDBOX_DEFAULTS.port);
const host = process.env.SANDBOX_HOST ?? "127.0.0.1";
const seed = process.env.SANDBOX_SEED ?? SANDBOX_DEFAULTS.seed;

const sandbox = await startSandbox({ port, host, seed, logger: process.env.SANDBOX_LOG === "1" });
const d = SANDBOX_DEFAULTS;
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
    `  授权域名 / domains:       ${d.authorizedDomains.join(", ")} (任意端口 / any port)`,
    `  随机种子 / seed:          ${seed}`,
    `  测试用户 / fixture users: ${sandbox.url}/_sandbox/users`,
    "",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
