import type { ActivityEvent } from "@wxdesk/electron/desk-api";
import { shortOpenid } from "../../i18n/format.js";
import type { ErrorExplanation } from "../../ui/error-explanation.js";
import type { eventMessages } from "./event-messages.js";

/** Which type filter an event belongs to; "other" only shows under 全部. */
export type EventCategory = "authorization" | "refresh" | "check" | "failure" | "menu" | "message" | "other";

/** One event said in words, in one language. */
export interface EventLine {
  category: EventCategory;
  /** Highlighted, and listed under 失败 whatever its category. */
  failed: boolean;
  text: string;
  /** WeChat's errcode explained: what the row expands to. */
  explanation?: ErrorExplanation;
  /** More words shown when expanded (token_superseded: what is probably going on). */
  notes: string[];
  /** Raw, technical lines for a developer: shown under 「详情」 with WeChat's own text, never in the sentence. */
  technical?: string[];
  /** The user the event is about, and their name for a button (nickname, or a short openid). */
  openid?: string;
  who?: string;
}

export type EventWords = (typeof eventMessages)["en"];

const str = (data: Record<string, unknown>, key: string): string | undefined => {
  const value = data[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};
const num = (data: Record<string, unknown>, key: string): number | undefined => {
  const value = data[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

/** Event data arrives as JSON: only an object with every field of an ErrorExplanation counts as one. */
export function asExplanation(value: unknown): ErrorExplanation | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const texts = ["titleZh", "titleEn", "detailZh", "detailEn", "fixZh", "fixEn"];
  if (typeof v.errcode !== "number" || !texts.every((k) => typeof v[k] === "string")) return undefined;
  return value as ErrorExplanation;
}

export { shortOpenid } from "../../i18n/format.js";

/** openid → nickname, from the events that carry one (authorizations, profile re-pulls); later ones win. */
export function nicknamesOf(events: readonly ActivityEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const event of events) {
    const openid = str(event.data, "openid");
    const nickname = str(event.data, "nickname");
    if (openid && nickname) names.set(openid, nickname);
  }
  return names;
}

/**
 * An event in words (data shapes: docs/admin-api.md "Events", callback-server user-token-service.ts,
 * menu-change.ts, message-event.ts, global-token-manager.ts). Anything missing or of an unknown type
 * still gives a readable line: the stream may carry types newer than this app.
 */
export function describeEvent(
  event: ActivityEvent,
  w: EventWords,
  zh: boolean,
  names: ReadonlyMap<string, string> = new Map(),
): EventLine {
  const data = event.data ?? {};
  const openid = str(data, "openid");
  const who =
    str(data, "nickname") ??
    (openid ? (names.get(openid) ?? w.someone(shortOpenid(openid))) : w.someone("?"));
  const explanation = asExplanation(data.explanation);
  const errcode = num(data, "errcode");
  const why = explanation
    ? zh
      ? explanation.titleZh
      : explanation.titleEn
    : errcode !== undefined
      ? w.errcode(String(errcode))
      : w.unknownReason;
  const line = (category: EventCategory, text: string, failed = false, notes: string[] = []): EventLine => ({
    category,
    failed,
    text,
    notes,
    ...(explanation && failed ? { explanation } : {}),
    ...(openid ? { openid, who: str(data, "nickname") ?? names.get(openid) ?? shortOpenid(openid) } : {}),
  });

  switch (event.type) {
    case "authorization": {
      const how = str(data, "scope") === "snsapi_base" ? w.scopeBase : w.scopeUserinfo;
      return line(
        "authorization",
        data.firstTime === true ? w.authorizedFirst(who, how) : w.authorized(who, how),
      );
    }
    case "refresh":
      if (str(data, "kind") === "userinfo") return line("refresh", w.repulled(who));
      return line(
        "refresh",
        str(data, "trigger") === "manual" ? w.refreshedManual(who) : w.refreshedAuto(who),
      );
    case "check":
      return data.ok === true ? line("check", w.checkedOk(who)) : line("check", w.checkedBad(who, why), true);
    case "failure":
      return line("failure", failureText(w, str(data, "action"), who, why, data.needsReauth === true), true);
    case "menu":
      return line("menu", menuText(w, data));
    case "message":
      return line("message", messageText(w, data, who));
    case "token_superseded":
      return {
        ...line("other", w.superseded, true, [
          w.supersededNote,
          ...(data.freshTokenAlsoFailed === true ? [w.supersededAgain] : []),
        ]),
        technical: [w.supersededTechnical],
      };
    case "token_cache_cleared":
      return line("other", w.tokenCacheCleared);
    case "token_key_replaced":
      return line("other", w.tokenKeyReplaced, true);
    case "app_sign_in":
      // Someone signed in to one of the account's own apps (OpenID Connect): 「商城：李娜 登录」.
      return line("authorization", w.appSignIn(str(data, "appName") ?? str(data, "clientId") ?? "?", who));
    case "service_key": {
      const name = str(data, "name") ?? "";
      return line("other", data.kind === "revoked" ? w.serviceKeyRevoked(name) : w.serviceKeyCreated(name));
    }
    default:
      return line("other", w.unknown(event.type));
  }
}

function failureText(
  w: EventWords,
  action: string | undefined,
  who: string,
  why: string,
  reauth: boolean,
): string {
  const reason = reauth ? w.withReauth(why) : why;
  switch (action) {
    case "refresh":
      return w.failRefresh(who, reason);
    case "userinfo":
      return w.failUserinfo(who, reason);
    case "oauth_exchange":
      return w.failOauthExchange(reason);
    case "oauth_userinfo":
      return w.failOauthUserinfo(reason);
    case "fetch_access_token":
      return w.failAccessToken(reason);
    case "fetch_jsapi_ticket":
      return w.failTicket(reason);
    case "access_token_refused":
      return w.failTokenRefused(reason);
    default:
      return w.failOther(reason);
  }
}

function menuText(w: EventWords, data: Record<string, unknown>): string {
  const version = String(num(data, "versionId") ?? "?");
  switch (str(data, "kind")) {
    case "publish":
      return w.menuPublished(version);
    case "delete":
      return w.menuDeleted(version);
    case "rollback": {
      const to = num(data, "rollbackOf");
      return to === undefined ? w.menuRolledBackSome(version) : w.menuRolledBack(String(to), version);
    }
    case "conditional_add":
      return w.menuConditionalAdded(String(data.menuid ?? "?"));
    case "conditional_delete":
      return w.menuConditionalDeleted(String(data.menuid ?? "?"));
    default:
      return w.menuChanged;
  }
}

/** A push from WeChat (§9): what the user did; the content of their messages is never recorded. */
function messageText(w: EventWords, data: Record<string, unknown>, who: string): string {
  const type = (str(data, "msgType") ?? "").toLowerCase();
  let text: string;
  if (type === "event") {
    const event = str(data, "event") ?? "";
    const key = str(data, "eventKey") ?? "";
    switch (event.toLowerCase()) {
      case "subscribe":
        text = w.msgSubscribe(who);
        break;
      case "unsubscribe":
        text = w.msgUnsubscribe(who);
        break;
      case "click":
        text = w.msgClick(who, key);
        break;
      case "view":
        text = w.msgView(who, key);
        break;
      case "scan":
        text = w.msgScan(who);
        break;
      case "location":
        text = w.msgLocationEvent(who);
        break;
      default:
        text = w.msgEvent(who, event);
    }
  } else {
    const byType: Record<string, (who: string) => string> = {
      text: w.msgText,
      image: w.msgImage,
      voice: w.msgVoice,
      video: w.msgVideo,
      shortvideo: w.msgVideo,
      location: w.msgLocation,
      link: w.msgLink,
    };
    text = byType[type]?.(who) ?? w.msgOther(who, type || "?");
  }
  return data.replied === true ? w.msgReplied(text) : text;
}
