import { type StartedSandbox, startSandbox } from "@wxdesk/sandbox";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "./app.js";
import type { AppContext } from "./app-context.js";
import { createAppContext } from "./context/create-app-context.js";
import { globalTokenKeys } from "./context/global-token-keys.js";
import type { SealedToken } from "./crypto/sealed-token.js";
import { tempDir, testConfig } from "./testing/test-server.js";

let sandbox: StartedSandbox;
let dir: ReturnType<typeof tempDir>;
let ctx: AppContext;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = tempDir();
  ctx = await createAppContext(testConfig(sandbox.url, dir.path));
});

afterAll(async () => {
  await ctx.close();
  await sandbox.close();
  dir.remove();
});

it("logs requests by method and path only: no query strings, keys or cookies", async () => {
  const lines: string[] = [];
  const app = await buildApp(ctx, {
    logger: { level: "debug", stream: { write: (l: string) => lines.push(l) } },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  try {
    const headers = {
      authorization: "Bearer BEARERVALUE-0123456789abcdef",
      cookie: "wxdesk_session=COOKIEVALUE",
    };
    const url = encodeURIComponent("http://127.0.0.1/page?access_token=ATVALUE");
    await fetch(`${base}/jssdk/config?url=${url}&secret=SECRETVALUE&code=CODEVALUE`, { headers });
    await fetch(`${base}/nowhere?refresh_token=RTVALUE`, { headers });
    await fetch(`${base}/healthz`, { headers });
  } finally {
    await app.close();
  }
  const log = lines.join("");
  expect(log).toContain('"path":"/jssdk/config"');
  expect(log).toContain('"path":"/nowhere"');
  for (const secret of ["BEARERVALUE", "COOKIEVALUE", "ATVALUE", "SECRETVALUE", "CODEVALUE", "RTVALUE"]) {
    expect(log).not.toContain(secret);
  }
  // Nor the global tokens the JS-SDK request made the server fetch.
  const cached = await ctx.store.get(globalTokenKeys(ctx.config.appid, ctx.config.tokenSource).accessToken);
  expect(cached).toBeDefined();
  expect(log).not.toContain(JSON.parse(ctx.cipher.decrypt(cached as SealedToken)).token);
});
