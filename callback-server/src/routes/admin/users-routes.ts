import type { OAuthScope } from "@wxdesk/wechat";
import type { FastifyInstance } from "fastify";
import type { ActionOutcome, TokenState } from "../../app-context.js";
import { UserTokenError } from "../../context/user-token-errors.js";
import { tokensReadable, UNDECRYPTABLE_WORDS } from "../../context/user-token-service.js";
import type { SignInLog } from "../../oidc/sign-in-log.js";
import { HttpError, sendError } from "../../plugins/error-handler.js";
import { StoreInputError } from "../../store/store-errors.js";
import type { UserRecord } from "../../store/store-types.js";
import type { AdminRoutesOptions } from "./admin-route-options.js";
import { errorResponses } from "./error-responses.js";
import { DEFAULT_WALK_BOUNDS, searchUsersFiltered, type WalkBounds } from "./users-filtered-search.js";
import {
  actionOutcomeSchema,
  adminUserDetailSchema,
  openidParamsSchema,
  userinfoOutcomeSchema,
  userPageSchema,
  usersQuerySchema,
} from "./users-schemas.js";
import { adminOutcome, adminUser, adminUserDetail } from "./users-view.js";

export interface UsersRoutesOptions extends AdminRoutesOptions {
  /** Work bound of a filtered `GET users` (tests make it small). */
  walkBounds?: WalkBounds;
  /** Which apps each user signed in to (OpenID Connect): the detail's `apps`. */
  signIns?: SignInLog;
}

interface UsersQuery {
  q?: string;
  cursor?: string;
  limit: number;
  scope?: OAuthScope;
  tokenState?: TokenState;
}
interface OpenidParams {
  openid: string;
}

const tags = ["users"];

/** 404 `unknown_user`, thrown so the error handler answers it (works from any depth of helper). */
function unknownUser(openid: string): HttpError {
  return new HttpError(
    404,
    "unknown_user",
    `No user with openid ${openid}`,
    `没有 openid 为 ${openid} 的用户`,
  );
}

/**
 * `GET users`, `GET users/:openid` (support), `POST users/:openid/check` (support: sns/auth
 * changes nothing), `POST users/:openid/refresh` and `/userinfo` (admin: they change state).
 * Answers show token state and times only, never a token.
 */
export default async function usersRoutes(app: FastifyInstance, options: UsersRoutesOptions): Promise<void> {
  const { ctx } = options;
  const bounds = options.walkBounds ?? DEFAULT_WALK_BOUNDS;
  const readable = (user: UserRecord) => tokensReadable(user, ctx.cipher);
  const signIns = options.signIns;
  /** The user's detail, with the apps they signed in to (one small store read). */
  async function detail(user: UserRecord) {
    const apps = signIns ? await signIns.appsOf(user.openid) : [];
    return adminUserDetail(user, ctx.clock.now(), readable, apps);
  }

  app.get<{ Querystring: UsersQuery }>(
    "/users",
    {
      config: { role: "support" },
      schema: {
        tags,
        summary: "Users who authorized, newest authorization first",
        querystring: usersQuerySchema,
        response: { 200: userPageSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const { q, cursor, limit, scope, tokenState } = request.query;
      const now = ctx.clock.now();
      try {
        // The account's total comes with every page, so the desktop's count always belongs to its list.
        const [page, total] = await Promise.all([
          searchUsersFiltered(
            ctx.store,
            { q, cursor, limit, filters: { scope, tokenState }, now, readable },
            bounds,
          ),
          ctx.store.countUsers(),
        ]);
        return {
          users: page.users.map((user) => adminUser(user, now, readable)),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          total,
        };
      } catch (error) {
        if (error instanceof StoreInputError && error.code === "bad-cursor") {
          return sendError(
            reply,
            400,
            "bad_request",
            "querystring.cursor is not a cursor this server produced",
            "querystring.cursor 不是本服务器给出的翻页位置",
            { field: "querystring.cursor" },
          );
        }
        throw error;
      }
    },
  );

  app.get<{ Params: OpenidParams }>(
    "/users/:openid",
    {
      config: { role: "support" },
      schema: {
        tags,
        summary: "One user, with profile, token state and the apps they signed in to",
        params: openidParamsSchema,
        response: { 200: adminUserDetailSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const user = await ctx.store.getUser(request.params.openid);
      if (!user) throw unknownUser(request.params.openid);
      return detail(user);
    },
  );

  /**
   * Runs a token action; an unknown openid is thrown as a 404, a WeChat refusal is `ok: false` with
   * words. It never hands back the reply: a Fastify reply is thenable, so an awaited async helper
   * that returns one resolves to `undefined` (once the answer is sent), not to the reply.
   */
  async function act(
    openid: string,
    run: (openid: string) => Promise<ActionOutcome>,
  ): Promise<ActionOutcome> {
    try {
      return await run(openid);
    } catch (error) {
      if (error instanceof UserTokenError && error.code === "unknown_user") throw unknownUser(openid);
      if (error instanceof UserTokenError && error.code === "token_undecryptable") {
        // Not "WeChat is busy" (-1): WeChat was never asked. The key, not the user, has to change.
        throw new HttpError(
          409,
          "token_undecryptable",
          UNDECRYPTABLE_WORDS.message,
          UNDECRYPTABLE_WORDS.messageZh,
        );
      }
      throw error;
    }
  }

  const actionSchema = (summary: string, role: "admin" | "support" = "admin") => ({
    tags,
    summary,
    params: openidParamsSchema,
    response: {
      200: actionOutcomeSchema,
      ...(role === "admin" ? errorResponses(400, 401, 403, 404, 409) : errorResponses(400, 401, 404, 409)),
    },
  });

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/check",
    {
      config: { role: "support" },
      schema: actionSchema("Ask WeChat whether the user's token still works", "support"),
    },
    async (request) =>
      adminOutcome(await act(request.params.openid, (openid) => ctx.userTokens.check(openid))),
  );

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/refresh",
    { schema: actionSchema("Refresh the user's token with the refresh token") },
    async (request) =>
      adminOutcome(await act(request.params.openid, (openid) => ctx.userTokens.refresh(openid))),
  );

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/userinfo",
    {
      schema: {
        tags,
        summary: "Re-pull the user's profile (sns/userinfo)",
        params: openidParamsSchema,
        response: { 200: userinfoOutcomeSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { openid } = request.params;
      const outcome = await act(openid, (id) => ctx.userTokens.repullUserInfo(id));
      const user = await ctx.store.getUser(openid);
      if (!user) throw unknownUser(openid);
      return { ...adminOutcome(outcome), user: await detail(user) };
    },
  );
}
