import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import type { ReplyProblem } from "@wxdesk/wechat";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplySettings } from "../../store/store-types.js";
import { advanceSandbox, redisUrlForTests, storeBackends } from "../../testing/test-server.js";
import { type PushHarness, phoneUser, startPushHarness } from "../wechat-push/testing/push-test-harness.js";
import { adminApi, type ErrorAnswer, type ServerUnderTest } from "./testing/menu-test-client.js";

const redisUrl = redisUrlForTests();
const backends = storeBackends(redisUrl);

const NEWS_ARTICLES = [
  {
    title: "春季新品",
    description: "点击查看",
    picUrl: "https://example.com/p.png",
    url: "https://example.com/a",
  },
];

const REPLIES: ReplySettings = {
  click: {
    V1001_HELLO: { type: "text", content: "您好！营业时间：周一至周五 9:00–18:00 <&> 🕘" },
    V1002_NEWS: { type: "news", articles: NEWS_ARTICLES },
  },
  subscribe: { type: "image", mediaId: "MEDIA_欢迎图" },
};

describe.each(backends)("replies routes ($name)", ({ redisUrl }) => {
  let h: PushHarness;
  let server: ServerUnderTest;
  beforeAll(async () => {
    h = await startPushHarness({ redisUrl });
    server = { url: h.pushUrl.replace(/\/wechat$/, ""), config: h.ctx.config };
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  /** A tap as WeChat would push it; the sandbox clock moves on so no two taps share a CreateTime (dedup). */
  async function tap(key: string, mode: "plain" | "aes", user: number) {
    await advanceSandbox(h.sandbox, 1);
    return h.phone("click", { key, mode, openid: phoneUser(user) });
  }

  it("starts empty, stores a valid configuration, and reads it back", async () => {
    expect((await adminApi<ReplySettings>(server, "GET", "/replies")).body).toEqual({ click: {} });
    const put = await adminApi<ReplySettings>(server, "PUT", "/replies", { body: REPLIES });
    expect(put.status).toBe(200);
    expect(put.body).toEqual(REPLIES);
    expect(put.headers.get("cache-control")).toBe("no-store");
    expect((await adminApi<ReplySettings>(server, "GET", "/replies")).body).toEqual(REPLIES);
    expect(await h.ctx.store.getReplies()).toEqual(REPLIES);
  });

  for (const [mode, user] of [
    ["plain", 1],
    ["aes", 2],
  ] as const) {
    it(`after PUT replies, the phone tapping that key gets that reply from the server (${mode})`, async () => {
      const content = `新的回复（${mode}）：限时优惠 🎁`;
      const changed = {
        ...REPLIES,
        click: { ...REPLIES.click, V1001_HELLO: { type: "text" as const, content } },
      };
      expect((await adminApi(server, "PUT", "/replies", { body: changed })).status).toBe(200);

      const answer = await tap("V1001_HELLO", mode, user);
      expect(answer).toMatchObject({ ok: true, status: 200 });
      expect(answer.reply).toMatchObject({
        type: "text",
        content,
        toUserName: phoneUser(user),
        fromUserName: SANDBOX_DEFAULTS.originalId,
      });
      if (mode === "aes") expect(answer.raw).not.toContain("限时优惠");

      const news = await tap("V1002_NEWS", mode, user);
      expect(news.reply).toMatchObject({
        type: "news",
        articles: NEWS_ARTICLES,
      });
      await advanceSandbox(h.sandbox, 1);
      const subscribe = await h.phone("subscribe", { mode, openid: phoneUser(user) });
      expect(subscribe.reply).toMatchObject({ type: "image", mediaId: "MEDIA_欢迎图" });

      // A key removed from the settings gets no reply any more ("success").
      const { V1001_HELLO: _removed, ...rest } = changed.click;
      expect((await adminApi(server, "PUT", "/replies", { body: { click: rest } })).status).toBe(200);
      expect(await tap("V1001_HELLO", mode, user)).toMatchObject({ ok: true, reply: null, raw: "success" });
    });
  }

  it("refuses broken replies with 400 replies_invalid listing every problem; nothing stored, taps unchanged", async () => {
    expect((await adminApi(server, "PUT", "/replies", { body: REPLIES })).status).toBe(200);
    const { status, body } = await adminApi<ErrorAnswer>(server, "PUT", "/replies", {
      body: {
        click: {
          V1001_HELLO: { type: "text", content: "字".repeat(683) },
          ["K".repeat(129)]: { type: "image", mediaId: "M" },
          V1003: { type: "news", articles: [{ title: "无链接", url: "javascript:void(0)" }] },
        },
        subscribe: { type: "video", mediaId: "V" },
      },
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe("replies_invalid");
    expect(body.error.messageZh).toContain("没有保存");
    const problems = body.error.problems as ReplyProblem[];
    expect(problems.map((p) => p.path)).toEqual([
      'click["V1001_HELLO"].content',
      `click["${"K".repeat(129)}"]`,
      'click["V1003"].articles[0].url',
      "subscribe.type",
    ]);
    for (const problem of problems) {
      expect(problem.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message).toMatch(/[a-z]{3,}/);
      expect(problem.code).toMatch(/^[a-z_]+$/);
    }
    expect(await h.ctx.store.getReplies()).toEqual(REPLIES);
    expect((await tap("V1001_HELLO", "plain", 3)).reply).toMatchObject({
      type: "text",
      content: (REPLIES.click.V1001_HELLO as { content: string }).content,
    });
  });

  it("accepts the largest configuration: 200 keys × 2048-byte Chinese texts (over the app's 256 KiB body limit)", async () => {
    const content = "字".repeat(682);
    const click = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`BIG_${i}`, { type: "text", content }]),
    );
    const put = await adminApi<ReplySettings>(server, "PUT", "/replies", { body: { click } });
    expect(put.status).toBe(200);
    expect(Object.keys(put.body.click)).toHaveLength(200);
    expect((await tap("BIG_199", "aes", 4)).reply).toMatchObject({ type: "text", content });
    expect((await adminApi(server, "PUT", "/replies", { body: REPLIES })).status).toBe(200);
  });

  it("admin only: no key → 401, support key → 403 (before the body is read); bad bodies → 400", async () => {
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", REPLIES],
    ] as const) {
      const none = await adminApi<ErrorAnswer>(server, method, "/replies", { key: null, body });
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe("unauthorized");
      const support = await adminApi<ErrorAnswer>(server, method, "/replies", { key: "support", body });
      expect(support.status).toBe(403);
      expect(support.body.error.code).toBe("forbidden");
    }
    expect((await adminApi(server, "PUT", "/replies", { key: null, raw: "{oops" })).status).toBe(401);

    for (const bad of [
      { raw: "{oops" },
      { raw: "[]" },
      { body: {} },
      { body: { click: "V1001" } },
      { body: { click: {}, subscribe: 5 } },
    ]) {
      const answer = await adminApi<ErrorAnswer>(server, "PUT", "/replies", bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(answer.body.error.code).toMatch(/^(bad_request|replies_invalid)$/);
    }
    expect((await adminApi<ErrorAnswer>(server, "PUT", "/replies", { body: {} })).body.error).toMatchObject({
      field: "body.click",
    });
    expect(await h.ctx.store.getReplies()).toEqual(REPLIES);
  });

  it("is listed in the OpenAPI document under the replies tag", async () => {
    const { body } = await adminApi<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
    }>(server, "GET", "/openapi.json", { key: null });
    expect(body.paths["/admin/api/replies"]?.get?.tags).toEqual(["replies"]);
    expect(body.paths["/admin/api/replies"]?.put?.tags).toEqual(["replies"]);
    expect(body.paths["/admin/api/replies"]?.put?.requestBody).toBeDefined();
  });
});
