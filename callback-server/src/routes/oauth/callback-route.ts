import { explainWeChatError, type OAuthScope, type SnsToken, WeChatApiError } from "@wxdesk/wechat";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app-context.js";
import { isInteractionReturn } from "../../oidc/oidc-paths.js";
import type { Page } from "../../pages/layout.js";
import { deniedPage, networkRetryPage, refusedPage, wechatErrorPage } from "../../pages/oauth-pages.js";
import { sendPage, sendRedirect } from "../../plugins/send-page.js";
import {
  type CodeResult,
  claimCode,
  codeResultWrite,
  failCode,
  finishCode,
  releaseCode,
} from "../../session/code-replay.js";
import {
  bindingHash,
  bindingMatches,
  clearBinding,
  readBinding,
  type StateRecord,
  setBinding,
  takeState,
} from "../../session/oauth-state.js";
import { randomToken } from "../../session/random-text.js";
import { MAX_AUTO_RESTARTS, takeRestart } from "../../session/restart-budget.js";
import { cookieSecure, issueSession, readSession, type Session } from "../../session/session-cookie.js";
import { beginAuthorization } from "./begin-authorization.js";
import { exchangeCodeSafely, fetchUserInfo } from "./exchange-code.js";
import { type MenuLinkInput, verifyMenuLink } from "./menu-link.js";
import { safeNext } from "./next-target.js";
import { queryParam } from "./query-params.js";
import { snapshotHref, startHref } from "./start-href.js";

export interface CallbackOptions {
  /** How long a repeated code waits for the first exchange in flight (default 15 s). */
  replayWaitMs?: number;
  /** Backoff base between exchange / userinfo attempts (tests make it small). */
  retryBaseDelayMs?: number;
}

/** When the state is unknown we cannot know what was asked; the landing page's own choice. */
const FALLBACK_RETRY = startHref("snsapi_userinfo");
const MAX_CODE_LENGTH = 512;
/**
 * A direct link's flow was started by no browser of ours: the binding hash is empty, which no
 * cookie ever hashes to, so a replay of its code is recognised only by the session cookie the
 * first answer set (same browser), never by a binding.
 */
const UNBOUND = "";

/** `?link=`: absent, or what its signature proves (`invalid` when it was forged or altered). */
type CallbackLink = { kind: "none" } | { kind: "invalid" } | { kind: "valid"; link: MenuLinkInput };

function readLink(request: FastifyRequest, secret: string): CallbackLink {
  const raw = queryParam(request, "link");
  if (raw === undefined) return { kind: "none" };
  const link = raw === null ? undefined : verifyMenuLink(raw, secret);
  return link ? { kind: "valid", link } : { kind: "invalid" };
}

type FirstOutcome =
  /** `replayStored`: the replay result went into the store with the user (no finishCode). */
  | { ok: true; result: CodeResult; replayStored?: boolean }
  | {
      ok: false;
      status: number;
      page: Page;
      /** The code may be spent at WeChat: remembered as failed (failCode), never exchanged again. */
      spent?: boolean;
      /** A fresh authorization is the way out: the flow to restart while the bounds allow. */
      restart?: StateRecord;
    };

function grantedScope(asked: OAuthScope, token: SnsToken): OAuthScope {
  // §2: `scope` may come back as "snsapi_userinfo," — split, never compare the whole string.
  const granted = token.scope.split(",").map((s) => s.trim());
  return asked === "snsapi_userinfo" && granted.includes("snsapi_userinfo")
    ? "snsapi_userinfo"
    : "snsapi_base";
}

/**
 * `GET /oauth/callback?code=&state=[&link=]`: §1.3, exchanged once, replayed on refresh, explained
 * on failure. `link` is present on a direct authorize link's redirect_uri (see `directRecord`).
 */
export function registerCallbackRoute(
  app: FastifyInstance,
  ctx: AppContext,
  options: CallbackOptions = {},
): void {
  const { config, store } = ctx;
  const secure = cookieSecure(config.publicUrl);
  const retryBaseDelayMs = options.retryBaseDelayMs;

  /** Same shape as the other `failure` events (action, errcode, endpoint, explanation); never the code. */
  async function reportFailure(error: WeChatApiError, request: FastifyRequest): Promise<void> {
    try {
      await ctx.events.publish("failure", {
        action: error.endpoint === "/sns/userinfo" ? "oauth_userinfo" : "oauth_exchange",
        errcode: error.errcode,
        endpoint: error.endpoint,
        explanation: error.explain({ appid: config.appid, redirectDomain: config.publicUrl }),
      });
    } catch (publishError) {
      request.log.warn({ err: publishError }, "could not publish an OAuth failure event");
    }
  }

  /** A WeChat error as a page: 400 when the request/code was bad, 502 when upstream failed. */
  function errorPage(error: WeChatApiError, retry: string): { status: number; page: Page } {
    const explanation = error.explain({ appid: config.appid, redirectDomain: config.publicUrl });
    const status = explanation.errorClass === "code" || explanation.errorClass === "request" ? 400 : 502;
    return { status, page: wechatErrorPage(explanation, retry) };
  }

  /** Same browser = the binding cookie that started the flow, or the session the first answer set. */
  function sameBrowser(request: FastifyRequest, result: CodeResult): boolean {
    if (bindingMatches(request, result.browser)) return true;
    const session = readSession(request, ctx.clock.now());
    return session !== undefined && session.sid === result.session.sid;
  }

  /**
   * The journey's last answer: signed in, sent to `location`. The Location is checked once more as
   * sent (`safeNext` is a fixed point on what it let through), so a replay record or state record
   * written by an older version can never redirect off the allowlist.
   */
  function finish(reply: FastifyReply, session: Session, location: string): FastifyReply {
    issueSession(reply, session, secure);
    clearBinding(reply, secure);
    const target = safeNext(location, config);
    if (target === undefined) return sendPage(reply, 400, refusedPage("next_not_allowed"));
    return sendRedirect(reply, target);
  }

  function replay(request: FastifyRequest, reply: FastifyReply, result: CodeResult): FastifyReply {
    if (!sameBrowser(request, result)) {
      return sendPage(reply, 400, refusedPage("other_browser", startHref(result.scope, result.next)));
    }
    return finish(reply, { ...result.session, iat: Math.floor(ctx.clock.now() / 1000) }, result.location);
  }

  async function firstExchange(
    request: FastifyRequest,
    code: string,
    record: StateRecord,
  ): Promise<FirstOutcome> {
    const retry = startHref(record.scope, record.next);
    const exchanged = await exchangeCodeSafely(
      ctx.interactiveWechat,
      { appid: config.appid, secret: config.secret, code },
      retryBaseDelayMs === undefined ? {} : { baseDelayMs: retryBaseDelayMs },
    );
    if (!exchanged.ok) {
      await reportFailure(exchanged.error, request);
      // The code may be consumed at WeChat: never re-send it; a fresh start brings a fresh code.
      if (exchanged.freshStart) {
        return { ok: false, status: 502, page: networkRetryPage(retry), spent: true, restart: record };
      }
      // WeChat refused the code itself (invalid, expired): it is dead either way, nothing to keep.
      return { ok: false, ...errorPage(exchanged.error, retry) };
    }
    const token = exchanged.token;
    const iat = Math.floor(ctx.clock.now() / 1000);
    const sid = randomToken();
    const base = { browser: record.browser, scope: record.scope, next: record.next };

    if (token.isSnapshotUser) {
      // §1.3: a virtual account — never stored, never bound; the guest is told how to continue.
      const session: Session = { guest: true, snapshot: true, iat, sid };
      return { ok: true, result: { ...base, session, location: snapshotHref(record.next) } };
    }

    const scope = grantedScope(record.scope, token);
    let userInfo: Awaited<ReturnType<typeof fetchUserInfo>> | undefined;
    if (scope === "snsapi_userinfo") {
      try {
        userInfo = await fetchUserInfo(
          ctx.interactiveWechat,
          { accessToken: token.accessToken, openid: token.openid },
          retryBaseDelayMs === undefined ? {} : { baseDelayMs: retryBaseDelayMs },
        );
      } catch (error) {
        if (!(error instanceof WeChatApiError)) throw error;
        await reportFailure(error, request);
        // The code is spent; a fresh authorization (automatic, or the retry link) brings a new one.
        return {
          ok: false,
          status: 502,
          page: wechatErrorPage(error.explain({ appid: config.appid }), retry),
          spent: true,
          ...(error.errorClass === "retryable" ? { restart: record } : {}),
        };
      }
    }
    let result: CodeResult | undefined;
    await ctx.userTokens.recordAuthorization({
      token,
      ...(userInfo ? { userInfo } : {}),
      scope,
      // The session carries the unionid the store knows (perhaps from an earlier snsapi_userinfo
      // sign-in: snsapi_base exchanges do not return it), so /oauth/verify needs no store read.
      alongside: (user) => {
        const session: Session = {
          openid: token.openid,
          scope,
          iat,
          sid,
          ...(user.unionid ? { unionid: user.unionid } : {}),
        };
        result = { ...base, session, location: record.next };
        return [codeResultWrite(code, result)];
      },
    });
    if (!result) throw new Error("recordAuthorization did not build the sign-in result");
    return { ok: true, result, replayStored: true };
  }

  /**
   * DESIGN.md "Failure rules": rather than re-send a code that may be spent, the server starts the
   * authorization again itself — a fresh state and a 302 to WeChat's authorize page (silent for
   * snsapi_base, and for followers who come from the menu). Bounded twice so it can never loop:
   * the state carries the attempt number (at most MAX_AUTO_RESTARTS per journey) and the browser
   * has a budget per window (restart-budget.ts). Undefined when a bound is reached: show the page.
   * A direct link's browser may have no binding yet: it gets one here, so the restarted flow is
   * bound like any other.
   */
  async function autoRestart(
    request: FastifyRequest,
    reply: FastifyReply,
    record: StateRecord,
  ): Promise<{ location: string; browser: string } | undefined> {
    if (record.attempt >= MAX_AUTO_RESTARTS) return undefined;
    const binding = readBinding(request) ?? randomToken();
    const browser = bindingHash(binding);
    if (!(await takeRestart(store, browser))) return undefined;
    setBinding(reply, binding, secure);
    const attempt = record.attempt + 1;
    const location = await beginAuthorization(ctx, {
      scope: record.scope,
      next: record.next,
      binding,
      attempt,
    });
    request.log.info({ attempt }, "OAuth exchange failed: authorization restarted");
    return { location, browser };
  }

  /** A direct link's retry goes through /oauth/start: a fresh, browser-bound state this time. */
  function linkRetry(link: CallbackLink): string {
    if (link.kind !== "valid") return FALLBACK_RETRY;
    const next = safeNext(link.link.next, config);
    return next === undefined ? FALLBACK_RETRY : startHref(link.link.scope, next);
  }

  /**
   * `directUrl` of `POST /admin/api/links`: redirect_uri `/oauth/callback?link=<signed>` with the
   * fixed state `wxdesk`, which is no stored nonce. The signed link supplies scope and next
   * (next re-checked against today's allowlist); nothing binds it to a browser.
   */
  function directRecord(link: MenuLinkInput): { ok: true; record: StateRecord } | { ok: false; page: Page } {
    const next = safeNext(link.next, config);
    if (next === undefined) return { ok: false, page: refusedPage("next_not_allowed") };
    return { ok: true, record: { scope: link.scope, next, browser: UNBOUND, exp: 0, attempt: 0 } };
  }

  // Never retried as is (the code may be spent): the error pages offer a fresh start.
  app.get("/oauth/callback", { config: { page: { retryHref: FALLBACK_RETRY } } }, async (request, reply) => {
    const code = queryParam(request, "code");
    const state = queryParam(request, "state");
    const link = readLink(request, config.sessionSecret);
    const now = ctx.clock.now();

    if (code === undefined) {
      // §1.3: no code = the user tapped 拒绝. Not an error, and nothing to retry by itself.
      let retry = linkRetry(link);
      if (typeof state === "string" && state !== "") {
        const taken = await takeState(store, state, now);
        if (taken.ok && bindingMatches(request, taken.record.browser)) {
          // An app's sign-in step tells the app "not signed in" itself (oidc/interaction-routes.ts).
          if (isInteractionReturn(taken.record.next)) return sendRedirect(reply, taken.record.next);
          retry = startHref(taken.record.scope, taken.record.next);
        }
      }
      return sendPage(reply, 200, deniedPage(retry));
    }
    if (code === null || code === "" || code.length > MAX_CODE_LENGTH) {
      const page = wechatErrorPage(
        explainWeChatError(code === "" ? 41008 : 40029, "", { appid: config.appid }),
        FALLBACK_RETRY,
      );
      return sendPage(reply, 400, page);
    }

    const owner = randomToken();
    const claim = await claimCode(store, code, owner, { waitMs: options.replayWaitMs ?? 15_000 });
    if (!claim.claimed) {
      if (claim.result) return replay(request, reply, claim.result);
      // A failed code is final; a second hit from the browser the server restarted goes the same way.
      const restart = claim.failure?.restart;
      if (restart && bindingMatches(request, restart.browser)) return sendRedirect(reply, restart.location);
      return sendPage(reply, 400, refusedPage("state_used", FALLBACK_RETRY));
    }

    let outcome: FirstOutcome;
    try {
      if (typeof state !== "string" || state === "") {
        outcome = { ok: false, status: 400, page: refusedPage("state_missing", FALLBACK_RETRY) };
      } else if (link.kind === "invalid") {
        // Forged or altered: refused before any state is consumed or the code is exchanged.
        outcome = { ok: false, status: 400, page: refusedPage("bad_link") };
      } else {
        const taken = await takeState(store, state, now);
        if (!taken.ok && link.kind === "valid") {
          const direct = directRecord(link.link);
          outcome = direct.ok
            ? await firstExchange(request, code, direct.record)
            : { ok: false, status: 400, page: direct.page };
        } else if (!taken.ok) {
          outcome = { ok: false, status: 400, page: refusedPage(taken.reason, FALLBACK_RETRY) };
        } else if (!bindingMatches(request, taken.record.browser)) {
          // Forged (login CSRF) or opened in another browser: never exchange the code here.
          const retry = startHref(taken.record.scope, taken.record.next);
          outcome = { ok: false, status: 400, page: refusedPage("other_browser", retry) };
        } else {
          outcome = await firstExchange(request, code, taken.record);
        }
      }
    } catch (error) {
      // Free the code for a retry if the store lets us, then answer like every page route: 503
      // when the store is down, 500 otherwise (the error handler logs it).
      await releaseCode(store, code, owner).catch(() => {});
      throw error;
    }

    if (!outcome.ok) {
      const restart = outcome.restart;
      const restarted = restart
        ? await autoRestart(request, reply, restart).catch((error: unknown) => {
            request.log.warn({ err: error }, "could not restart the OAuth flow");
            return undefined;
          })
        : undefined;
      const forget = outcome.spent
        ? failCode(store, code, restarted ? { restart: restarted } : {})
        : releaseCode(store, code, owner);
      await forget.catch(() => {});
      if (restarted) return sendRedirect(reply, restarted.location);
      return sendPage(reply, outcome.status, outcome.page);
    }
    if (!outcome.replayStored) await finishCode(store, code, outcome.result);
    return finish(reply, outcome.result.session, outcome.result.location);
  });
}
