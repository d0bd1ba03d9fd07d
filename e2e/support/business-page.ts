import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWeChatClient, parseCallbackQuery, WeChatApiError } from "@wxdesk/wechat";

export interface BusinessPage {
  /** The redirect_uri to put in an authorize link. */
  callbackUrl: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * An outside client of the sandbox, as a business page on the authorized domain would be: it
 * receives WeChat's callback and does code → token → userinfo with the `wechat/` client. Used by the
 * browser tests to prove the sandbox's redirects carry codes that really exchange.
 */
export async function startBusinessPage(options: {
  apiBase: string;
  appid: string;
  secret: string;
}): Promise<BusinessPage> {
  const client = createWeChatClient({ apiBase: options.apiBase, retries: 0 });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let body: string;
      try {
        const callback = parseCallbackQuery(url.searchParams);
        if (callback.kind === "denied") {
          body = `<h1>你拒绝了授权</h1><p data-testid="state">${escapeHtml(callback.state)}</p>`;
        } else {
          const token = await client.exchangeCode({
            appid: options.appid,
            secret: options.secret,
            code: callback.code,
          });
          const nickname = token.scope.includes("snsapi_userinfo")
            ? (await client.getUserInfo({ accessToken: token.accessToken, openid: token.openid })).nickname
            : "";
          body =
            `<h1 data-testid="greeting">你好，${escapeHtml(nickname || token.openid)}</h1>` +
            `<p data-testid="openid">${escapeHtml(token.openid)}</p>` +
            `<p data-testid="snapshot">${token.isSnapshotUser ? "snapshot" : "normal"}</p>` +
            `<p data-testid="state">${escapeHtml(callback.state)}</p>`;
        }
      } catch (error) {
        const code = error instanceof WeChatApiError ? error.errcode : "unknown";
        body = `<h1 data-testid="error">出错了 ${escapeHtml(String(code))}</h1>`;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">${body}`,
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    callbackUrl: `http://127.0.0.1:${port}/cb`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
