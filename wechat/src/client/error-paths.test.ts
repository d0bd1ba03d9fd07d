import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ERR_BAD_RESPONSE, ERR_NETWORK, ERR_TIMEOUT, WeChatApiError } from "../errors/index.js";
import { createWeChatClient } from "./create-client.js";
import { closedPortOrigin, type FakeWeChat, startFakeWeChat } from "./testing/fake-wechat-server.js";

const APPID = "wx00000000000000a1";
const SECRET = "0123456789abcdef0123456789abcdef";
const TOKEN_BODY = {
  access_token: "AT",
  expires_in: 7200,
  refresh_token: "RT",
  openid: "o1",
  scope: "snsapi_base",
};
let fake: FakeWeChat;

beforeAll(async () => {
  fake = await startFakeWeChat();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.hits.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<WeChatApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeChatApiError);
  return error as WeChatApiError;
}

const client = (timeoutMs = 2000) =>
  createWeChatClient({ apiBase: fake.origin, retryBaseDelayMs: 1, retries: 2, timeoutMs });
const exchange = (c = client()) => c.exchangeCode({ appid: APPID, secret: SECRET, code: "CODE" });

describe("the one error path", () => {
  it("turns an errcode body into WeChatApiError with rid and HTTP status", async () => {
    fake.respond = () => ({
      json: { errcode: 40029, errmsg: "invalid code, rid: 613033ae-4a5a9224-3a2b9999" },
    });
    const error = await failure(exchange());
    expect(error.errcode).toBe(40029);
    expect(error.errorClass).toBe("code");
    expect(error.rid).toBe("613033ae-4a5a9224-3a2b9999");
    expect(error.endpoint).toBe("/sns/oauth2/access_token");
    expect(error.httpStatus).toBe(200);
    expect(error.maybeDelivered).toBe(true);
    expect(error.explain().detailEn).toContain("613033ae-4a5a9224-3a2b9999");
  });

  it("parses JSON even when Content-Type is text/plain (success and errcode)", async () => {
    fake.respond = () => ({ contentType: "text/plain", text: JSON.stringify(TOKEN_BODY) });
    expect((await exchange()).accessToken).toBe("AT");
    fake.respond = () => ({ contentType: "text/plain", text: '{"errcode":40163,"errmsg":"code been used"}' });
    expect((await failure(exchange())).errcode).toBe(40163);
  });

  it("reports malformed JSON as ERR_BAD_RESPONSE (unexpected)", async () => {
    fake.respond = () => ({ text: '{"access_token": "AT",' });
    const error = await failure(exchange());
    expect(error.errcode).toBe(ERR_BAD_RESPONSE);
    expect(error.errorClass).toBe("unexpected");
    expect(error.errmsg).toContain("not JSON");
  });

  it("reports a schema mismatch with the zod issue summary", async () => {
    const { access_token: _omit, ...withoutToken } = TOKEN_BODY;
    fake.respond = () => ({ json: withoutToken });
    const error = await failure(exchange());
    expect(error.errcode).toBe(ERR_BAD_RESPONSE);
    expect(error.errmsg).toContain("access_token");
    expect(error.errorClass).toBe("unexpected");
  });

  it("treats HTTP 5xx as a retryable bad response and retries idempotent calls", async () => {
    fake.respond = () => ({ status: 502, contentType: "text/html", text: "<html>Bad Gateway</html>" });
    const error = await failure(client().getMenu("T"));
    expect(error.errcode).toBe(ERR_BAD_RESPONSE);
    expect(error.errorClass).toBe("retryable");
    expect(error.httpStatus).toBe(502);
    expect(fake.hits).toHaveLength(3);
  });

  it("treats a non-2xx answer without errcode as a bad response", async () => {
    fake.respond = () => ({ status: 404, json: { message: "not found" } });
    const error = await failure(client().getTicket("T"));
    expect(error.errcode).toBe(ERR_BAD_RESPONSE);
    expect(error.httpStatus).toBe(404);
    expect(fake.hits).toHaveLength(1);
  });
});

describe("retries", () => {
  it("retries -1 on an idempotent call and succeeds on the third hit", async () => {
    fake.respond = () =>
      fake.hits.length < 3
        ? { json: { errcode: -1, errmsg: "system error rid: a-b-c" } }
        : { json: TOKEN_BODY };
    const token = await client().refreshUserToken({ appid: APPID, refreshToken: "RT" });
    expect(token.accessToken).toBe("AT");
    expect(fake.hits).toHaveLength(3);
  });

  it("gives up after `retries` extra attempts", async () => {
    fake.respond = () => ({ json: { errcode: -1, errmsg: "system error" } });
    const error = await failure(
      createWeChatClient({ apiBase: fake.origin, retries: 1, retryBaseDelayMs: 1 }).getMenu("T"),
    );
    expect(error.errcode).toBe(-1);
    expect(fake.hits).toHaveLength(2);
  });

  it("never retries exchangeCode: -1 means exactly one hit", async () => {
    fake.respond = () => ({ json: { errcode: -1, errmsg: "system error" } });
    const error = await failure(exchange());
    expect(error.errorClass).toBe("retryable");
    expect(fake.hits).toHaveLength(1);
  });

  it("never retries getAccessToken, addConditionalMenu, deleteConditionalMenu or forced stable_token", async () => {
    fake.respond = () => ({ json: { errcode: -1, errmsg: "system error" } });
    const c = client();
    await failure(c.getAccessToken({ appid: APPID, secret: SECRET }));
    await failure(
      c.addConditionalMenu("T", {
        button: [{ type: "click", name: "a", key: "k" }],
        matchrule: { tag_id: "1" },
      }),
    );
    await failure(c.deleteConditionalMenu("T", "1"));
    await failure(c.getStableAccessToken({ appid: APPID, secret: SECRET, forceRefresh: true }));
    expect(fake.hits).toHaveLength(4);
    fake.hits.length = 0;
    await failure(c.getStableAccessToken({ appid: APPID, secret: SECRET }));
    expect(fake.hits).toHaveLength(3);
  });

  it("does not retry non-retryable classes", async () => {
    fake.respond = () => ({ json: { errcode: 40001, errmsg: "invalid credential" } });
    const error = await failure(client().getTicket("T"));
    expect(error.errorClass).toBe("credential");
    expect(fake.hits).toHaveLength(1);
  });
});

describe("transport failures", () => {
  it("times out a hanging answer with ERR_TIMEOUT and maybeDelivered true", async () => {
    fake.respond = () => ({ hang: true });
    // The fake never answers: only the client's own 300 ms timeout can end the call (ERR_TIMEOUT says it
    // did); the test's deadline catches a client that has none.
    const error = await failure(exchange(client(300)));
    expect(error.errcode).toBe(ERR_TIMEOUT);
    expect(error.errorClass).toBe("retryable");
    expect(error.maybeDelivered).toBe(true);
    expect(error.httpStatus).toBeUndefined();
    expect(fake.hits).toHaveLength(1);
  }, 5_000);

  it("reports a reset after sending as ERR_NETWORK that may have been delivered", async () => {
    fake.respond = () => ({ destroy: true });
    const error = await failure(exchange());
    expect(error.errcode).toBe(ERR_NETWORK);
    expect(error.maybeDelivered).toBe(true);
    expect(fake.hits).toHaveLength(1);
  });

  it("reports a refused connection as ERR_NETWORK that was not delivered, and retries idempotent calls", async () => {
    const origin = await closedPortOrigin();
    const c = createWeChatClient({ apiBase: origin, retries: 2, retryBaseDelayMs: 1, timeoutMs: 2000 });
    const error = await failure(c.exchangeCode({ appid: APPID, secret: SECRET, code: "c" }));
    expect(error.errcode).toBe(ERR_NETWORK);
    expect(error.errorClass).toBe("retryable");
    expect(error.maybeDelivered).toBe(false);
    expect(error.errmsg).toContain("ECONNREFUSED");
    expect(error.message).not.toContain(SECRET);
    expect((await failure(c.getMenu("T"))).errcode).toBe(ERR_NETWORK);
  });

  it("reports a timeout before the request was written as not delivered", async () => {
    // A connection stuck in "connecting": the connector never calls back, so the request never
    // leaves this machine (like a SYN to a black-holed address).
    const stuck = new Agent({ connect: () => {} });
    const c = createWeChatClient({
      apiBase: fake.origin,
      timeoutMs: 200,
      retries: 0,
      dispatcher: stuck,
    });
    const error = await failure(c.exchangeCode({ appid: APPID, secret: SECRET, code: "c" }));
    expect(error.errcode).toBe(ERR_TIMEOUT);
    expect(error.maybeDelivered).toBe(false);
    expect(fake.hits).toHaveLength(0);
  });
});
