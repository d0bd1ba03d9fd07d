import type { PhoneTapResult, ReplyConfig, SandboxUserView } from "../../desk-api.js";
import { badResponse, networkError, timedOut } from "../admin/admin-errors.js";
import { DeskApiError } from "../desk-api-error.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The sandbox's control API (`/_sandbox/*`, sandbox/README.md): JSON, errors as `{error:{code,message,messageZh}}`. */
async function controlJson(sandboxUrl: string, path: string, body?: unknown): Promise<unknown> {
  const timeoutMs = 15_000;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${sandboxUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") throw timedOut(sandboxUrl, timeoutMs);
    throw networkError(sandboxUrl, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badResponse(path);
  }
  if (!response.ok) {
    const e = isObj(parsed) && isObj(parsed.error) ? parsed.error : {};
    throw new DeskApiError(
      typeof e.code === "string" ? e.code : "sandbox_error",
      typeof e.message === "string" ? e.message : `The sandbox answered HTTP ${response.status}`,
      typeof e.messageZh === "string" ? e.messageZh : `沙箱返回了 HTTP ${response.status}`,
    );
  }
  return parsed;
}

/** `GET /_sandbox/users` → the fixture users a consent can be given as. */
export async function sandboxUsers(sandboxUrl: string): Promise<SandboxUserView[]> {
  const answer = await controlJson(sandboxUrl, "/_sandbox/users");
  if (!Array.isArray(answer)) throw badResponse("/_sandbox/users");
  return answer.filter(isObj).map((u) => ({
    openid: String(u.openid ?? ""),
    nickname: String(u.nickname ?? ""),
    headimgurl: String(u.headimgurl ?? ""),
    snapshot: u.snapshot === true,
  }));
}

function replyOf(value: unknown): ReplyConfig | null {
  if (!isObj(value)) return null;
  if (value.type === "text" && typeof value.content === "string")
    return { type: "text", content: value.content };
  if (value.type === "image" && typeof value.mediaId === "string")
    return { type: "image", mediaId: value.mediaId };
  if (value.type === "news" && Array.isArray(value.articles)) {
    return {
      type: "news",
      articles: value.articles.filter(isObj).map((a) => ({
        title: String(a.title ?? ""),
        ...(typeof a.description === "string" && a.description ? { description: a.description } : {}),
        ...(typeof a.picUrl === "string" && a.picUrl ? { picUrl: a.picUrl } : {}),
        url: String(a.url ?? ""),
      })),
    };
  }
  return null;
}

/**
 * The sandbox phone taps a click button: `POST /_sandbox/phone/click` signs and encrypts the CLICK
 * event (§9.2, §9.4 safe mode — the local server has the EncodingAESKey) and posts it to the local
 * server's `/wechat`; the decoded passive reply is what the phone would show.
 */
export async function tapMenu(
  sandboxUrl: string,
  serverUrl: string,
  request: { openid: string; key: string },
): Promise<PhoneTapResult> {
  const answer = await controlJson(sandboxUrl, "/_sandbox/phone/click", {
    openid: request.openid,
    key: request.key,
    url: `${serverUrl}/wechat`,
    mode: "aes",
  });
  if (!isObj(answer)) throw badResponse("/_sandbox/phone/click");
  if (answer.ok === true) return { ok: true, reply: replyOf(answer.reply) };
  const e = isObj(answer.error) ? answer.error : {};
  return {
    ok: false,
    reply: null,
    error: new DeskApiError(
      `phone_${typeof e.code === "string" ? e.code : "failed"}`,
      typeof e.messageEn === "string" ? e.messageEn : "The phone got no usable reply",
      typeof e.messageZh === "string" ? e.messageZh : "手机没有收到可用的回复",
    ).toJSON(),
  };
}
