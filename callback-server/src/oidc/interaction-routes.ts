import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { InteractionResults } from "oidc-provider";
import type { AppContext } from "../app-context.js";
import { appSignInErrorPage } from "../pages/app-sign-in-pages.js";
import { sendPage, sendRedirect } from "../plugins/send-page.js";
import { startHref } from "../routes/oauth/start-href.js";
import { isGuestSession, readSession, type Session, type UserSession } from "../session/session-cookie.js";
import { firstPartyGrant } from "./first-party-grant.js";
import type { OidcGateway } from "./oidc-gateway.js";
import { INTERACTION_PREFIX, interactionReturnPath } from "./oidc-paths.js";
import type { LiveProvider } from "./provider-holder.js";
import { REFUSALS, type SignInRefusal, sessionCovers, wechatScopeFor } from "./wechat-sign-in.js";

/** A session made by this login step's WeChat round trip is at least this new (clock skew between instances). */
const FRESH_SLACK_S = 5;

type Interaction = Awaited<ReturnType<LiveProvider["provider"]["interactionDetails"]>>;

interface Step {
  live: LiveProvider;
  details: Interaction;
}

/**
 * The login step of an app's sign-in (oidc-provider's interaction), done with the server's own
 * WeChat flow — one OAuth implementation:
 *
 * - `GET /oidc/interaction/:uid`: a browser whose `wxdesk_session` already covers the request
 *   (`openid` → any sign-in, `profile` → `snsapi_userinfo`) is signed in at once, no WeChat call;
 *   otherwise it goes to `/oauth/start?scope=…&next=/oidc/interaction/:uid/login`.
 * - `GET /oidc/interaction/:uid/login`: back from WeChat. Only a session made by that round trip
 *   counts; a snapshot-page guest, a refusal or an abandoned authorization go back to the app as
 *   `access_denied` with words it can show.
 *
 * The provider's interaction cookie binds the step to the browser that started it.
 */
export function registerInteractionRoutes(app: FastifyInstance, ctx: AppContext, gateway: OidcGateway): void {
  async function stepOf(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
    const live = await gateway.provider();
    try {
      const details = await live.provider.interactionDetails(request.raw, reply.raw);
      if (details.uid === request.params.uid) return { live, details };
    } catch (error) {
      // Loaded by now (the provider above is built with it); not at the top, so a server without
      // apps never loads oidc-provider.
      const { errors } = await import("oidc-provider");
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    // No interaction cookie, another step's cookie, or the step expired (10 minutes).
    sendPage(reply, 400, appSignInErrorPage("login_expired"));
    return undefined;
  }

  async function finish(
    step: Step,
    request: FastifyRequest,
    reply: FastifyReply,
    result: InteractionResults,
  ) {
    const location = await step.live.provider.interactionResult(request.raw, reply.raw, result, {
      mergeWithLastSubmission: false,
    });
    return sendRedirect(reply, location);
  }

  function refuse(step: Step, request: FastifyRequest, reply: FastifyReply, refusal: SignInRefusal) {
    return finish(step, request, reply, { ...refusal });
  }

  /** Signed in as the WeChat user; `ts` is when WeChat said so (the id_token's auth_time). */
  function signIn(step: Step, request: FastifyRequest, reply: FastifyReply, session: UserSession) {
    return finish(step, request, reply, { login: { accountId: session.openid, ts: session.iat } });
  }

  /** oidc-provider asks consent only if the grant lacks something: grant it (first-party apps). */
  async function consent(step: Step, request: FastifyRequest, reply: FastifyReply) {
    const { provider } = step.live;
    const clientId = String(step.details.params.client_id);
    const accountId = step.details.session?.accountId;
    const client = await provider.Client.find(clientId);
    if (!accountId || !client) return refuse(step, request, reply, REFUSALS.notCompleted);
    const allowed = new Set((client.scope ?? "openid").split(" "));
    const scopes = String(step.details.params.scope ?? "openid")
      .split(" ")
      .filter((scope) => allowed.has(scope));
    const grant = await firstPartyGrant(provider, {
      accountId,
      clientId,
      scopes,
      grantId: step.details.grantId,
    });
    return finish(step, request, reply, { consent: { grantId: grant.jti } });
  }

  /** Does the store still know the user (the account behind every token)? */
  async function known(session: UserSession): Promise<boolean> {
    return (await ctx.store.getUser(session.openid)) !== undefined;
  }

  /** `prompt=login`, or a `max_age` the session is older than: only a new WeChat sign-in will do. */
  function freshEnough(details: Interaction, session: Session, nowS: number): boolean {
    if (details.prompt.reasons.includes("login_prompt")) return false;
    const maxAge = Number(details.params.max_age);
    return !Number.isFinite(maxAge) || nowS - session.iat <= maxAge;
  }

  app.get<{ Params: { uid: string } }>(
    `${INTERACTION_PREFIX}:uid`,
    { config: { page: {} } },
    async (request, reply) => {
      const step = await stepOf(request, reply);
      if (!step) return reply;
      if (step.details.prompt.name !== "login") return consent(step, request, reply);
      const wanted = wechatScopeFor(step.details.params.scope as string | undefined);
      const session = readSession(request, ctx.clock.now());
      const nowS = Math.floor(ctx.clock.now() / 1000);
      if (
        sessionCovers(session, wanted) &&
        freshEnough(step.details, session, nowS) &&
        (await known(session))
      ) {
        return signIn(step, request, reply, session);
      }
      // A snapshot guest gets another chance: WeChat decides again (and the return step refuses).
      return sendRedirect(reply, startHref(wanted, interactionReturnPath(step.details.uid)));
    },
  );

  app.get<{ Params: { uid: string } }>(
    `${INTERACTION_PREFIX}:uid/login`,
    { config: { page: {} } },
    async (request, reply) => {
      const step = await stepOf(request, reply);
      if (!step) return reply;
      if (step.details.prompt.name !== "login") return consent(step, request, reply);
      const session = readSession(request, ctx.clock.now());
      // Only the sign-in this step's round trip made: an older session came back without one.
      const fresh = session !== undefined && session.iat >= step.details.iat - FRESH_SLACK_S;
      if (!fresh) return refuse(step, request, reply, REFUSALS.notCompleted);
      if (isGuestSession(session)) return refuse(step, request, reply, REFUSALS.snapshot);
      if (!(await known(session))) return refuse(step, request, reply, REFUSALS.notCompleted);
      return signIn(step, request, reply, session);
    },
  );
}
