import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RawResponse, rawRequest } from "@wxdesk/sandbox/testing";
import type { DeskHost } from "../../desk/desk-host.js";
import { REQUEST_HEADER } from "../bridge-protocol.js";
import { bridgeCookieName } from "../bridge-token.js";
import { startWebBridge, type WebBridge } from "../start-web-bridge.js";

export interface TestBridge {
  bridge: WebBridge;
  /** A temp folder holding `dist/` (a small renderer build with an asset and a dotfile). */
  root: string;
  /** The `Cookie` header value the entry link sets. */
  cookie: string;
  /** POST /api/call the way bridge.js does; `headers` override or add. */
  callApi(body: unknown, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

/** A real bridge on a free port in front of `host`, serving a small renderer build from a temp folder. */
export async function startTestBridge(host: DeskHost): Promise<TestBridge> {
  const root = await mkdtemp(join(tmpdir(), "wxdesk-bridge-"));
  const rendererDir = join(root, "dist");
  await mkdir(join(rendererDir, "assets"), { recursive: true });
  await writeFile(
    join(rendererDir, "index.html"),
    '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="UTF-8" />\n    <script type="module" crossorigin src="./assets/app-1.js"></script>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n',
  );
  await writeFile(join(rendererDir, "assets", "app-1.js"), "console.log('app')");
  await writeFile(join(rendererDir, ".env"), "SECRET=1");
  const bridge = await startWebBridge({ host, rendererDir });
  const cookie = `${bridgeCookieName(bridge.port)}=${bridge.token}`;
  return {
    bridge,
    root,
    cookie,
    callApi: (body, headers = {}) =>
      rawRequest(bridge.port, {
        method: "POST",
        path: "/api/call",
        headers: { cookie, "content-type": "application/json", [REQUEST_HEADER]: "1", ...headers },
        body: JSON.stringify(body),
      }),
    async close() {
      await bridge.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
