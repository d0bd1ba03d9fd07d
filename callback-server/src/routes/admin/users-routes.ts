import type { OAuthScope } from "@wxdesk/wechat";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ActionOutcome, TokenState } from "../../app-context.js";
import { UserTokenError } from "../../context/user-token-errors.js";
import type { SignInLog } from "../../oidc/sign-in-log.js";
import { sendError } from "../../plugins/error-handler.js";
import { StoreInputError } from "../../store/store-errors.js";
import type { UserRecord } from "../../store/store-types.js";
import { errorResponses } from "./error-responses.js";
import type { AdminRoutesOptions } from "./index.js";
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

function unknownUser(reply: FastifyReply, openid: string): FastifyReply {
  return sendError(
    reply,
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
  const signIns = options.signIns;
  /** The user's detail, with the apps they signed in to (one small store read). */
  async function detail(user: UserRecord) {
    const apps = signIns ? await signIns.appsOf(user.openid) : [];
    return adminUserDetail(user, ctx.clock.now(), apps);
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
        const page = await searchUsersFiltered(
          ctx.store,
          { q, cursor, limit, filters: { scope, tokenState }, now },
          bounds,
        );
        return {
          users: page.users.map((user) => adminUser(user, now)),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
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
    async (request, reply) => {
      const user = await ctx.store.getUser(request.params.openid);
      if (!user) return unknownUser(reply, request.params.openid);
      return detail(user);
    },
  );

  /** Runs a token action; an unknown openid is 404, a WeChat refusal is `ok: false` with words. */
  async function act(
    reply: FastifyReply,
    openid: string,
    run: (openid: string) => Promise<ActionOutcome>,
  ): Promise<ActionOutcome | FastifyReply> {
    try {
      return await run(openid);
    } catch (error) {
      if (error instanceof UserTokenError && error.code === "unknown_user") return unknownUser(reply, openid);
      throw error;
    }
  }

  const actionSchema = (summary: string, role: "admin" | "support" = "admin") => ({
    tags,
    summary,
    params: openidParamsSchema,
    response: {
      200: actionOutcomeSchema,
      ...(role === "admin" ? errorResponses(400, 401, 403, 404) : errorResponses(400, 401, 404)),
    },
  });

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/check",
    {
      config: { role: "support" },
      schema: actionSchema("Ask WeChat whether the user's token still works", "support"),
    },
    async (request, reply) => {
      const outcome = await act(reply, request.params.openid, (openid) => ctx.userTokens.check(openid));
      return "ok" in outcome ? adminOutcome(outcome) : outcome;
    },
  );

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/refresh",
    { schema: actionSchema("Refresh the user's token with the refresh token") },
    async (request, reply) => {
      const outcome = await act(reply, request.params.openid, (openid) => ctx.userTokens.refresh(openid));
      return "ok" in outcome ? adminOutcome(outcome) : outcome;
    },
  );

  app.post<{ Params: OpenidParams }>(
    "/users/:openid/userinfo",
    {
      schema: {
        tags,
        summary: "Re-pull the user's profile (sns/userinfo)",
        params: openidParamsSchema,
        response: { 200: userinfoOutcomeSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { openid } = request.params;
      const outcome = await act(reply, openid, (id) => ctx.userTokens.repullUserInfo(id));
      if (!("ok" in outcome)) return outcome;
      const user = await ctx.store.getUser(openid);
      if (!user) return unknownUser(reply, openid);
      return { ...adminOutcome(outcome), user: await detail(user) };
    },
  );
}
