import type { FastifyInstance, FastifyReply } from "fastify";
import { type OidcScope, type OidcSubject, redirectUriProblem } from "../../config/oidc-clients.js";
import { type AppChange, AppRegistryError, type NewApp } from "../../oidc/app-registry.js";
import { sendError } from "../../plugins/error-handler.js";
import type { AdminApiOptions } from "./admin-route-options.js";
import {
  appChangeSchema,
  appIdParamsSchema,
  appListSchema,
  appSchema,
  issuedSecretSchema,
  newAppSchema,
} from "./apps-schemas.js";
import { errorResponses } from "./error-responses.js";

interface AppBody {
  name?: string;
  redirectUris?: string[];
  sub?: OidcSubject;
  scopes?: OidcScope[];
  public?: boolean;
}
interface IdParams {
  id: string;
}

const tags = ["apps"];

const REGISTRY_ERRORS: Record<AppRegistryError["code"], { status: number; zh: (id: string) => string }> = {
  unknown_app: { status: 404, zh: (id) => `没有 client_id 为 ${id} 的应用` },
  app_read_only: {
    status: 409,
    zh: (id) => `应用 ${id} 来自服务器设置 WXDESK_OIDC_CLIENTS，只能在那里修改（改完后重启服务器）`,
  },
  app_public: { status: 409, zh: (id) => `应用 ${id} 是公开应用（网页或手机应用），没有密钥可换` },
  too_many_apps: { status: 409, zh: () => "应用数量已达上限，请先删除不用的应用" },
};

/** A registry refusal as the API's error shape; anything else goes to the error handler. */
function registryError(reply: FastifyReply, error: unknown, id = ""): FastifyReply {
  if (!(error instanceof AppRegistryError)) throw error;
  const meaning = REGISTRY_ERRORS[error.code];
  return sendError(reply, meaning.status, error.code, error.message, meaning.zh(id));
}

/**
 * The rules the schema cannot say: every redirect URI as for WXDESK_OIDC_CLIENTS (https, or http on
 * loopback; no fragment), `openid` among the scopes, a name that is not blank. The first problem
 * answers 400 with the field it is in.
 */
function checkBody(reply: FastifyReply, body: AppBody): FastifyReply | undefined {
  if (body.name !== undefined && body.name.trim() === "") {
    return sendError(reply, 400, "bad_request", "body.name must not be blank", "body.name 不能为空", {
      field: "body.name",
    });
  }
  if (body.scopes !== undefined && !body.scopes.includes("openid")) {
    return sendError(
      reply,
      400,
      "bad_request",
      "body.scopes must include openid",
      "body.scopes 必须包含 openid",
      {
        field: "body.scopes",
      },
    );
  }
  for (const [i, uri] of (body.redirectUris ?? []).entries()) {
    const problem = redirectUriProblem(uri);
    if (problem) {
      const field = `body.redirectUris[${i}]`;
      return sendError(
        reply,
        400,
        "redirect_uri_invalid",
        `${field} ${problem.en}`,
        `${field} ${problem.zh}`,
        {
          field,
        },
      );
    }
  }
  return undefined;
}

/** Only the fields the request named: a PATCH leaves the others as they are. */
function change(body: AppBody): AppChange {
  return {
    ...(body.name === undefined ? {} : { name: body.name.trim() }),
    ...(body.redirectUris === undefined ? {} : { redirectUris: [...body.redirectUris] }),
    ...(body.sub === undefined ? {} : { sub: body.sub }),
    ...(body.scopes === undefined
      ? {}
      : { scopes: body.scopes.includes("profile") ? ["openid", "profile"] : ["openid"] }),
  };
}

/**
 * `/apps`: the account's apps that sign WeChat users in through the OpenID Connect provider.
 * Admin only. Secrets are answered once (creation, rotation) and stored sealed; apps from
 * WXDESK_OIDC_CLIENTS are listed but read-only here (409 `app_read_only`).
 */
export default async function appsRoutes(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const { apps, signIns } = options.gateway;

  app.get(
    "/apps",
    {
      schema: {
        tags,
        summary: "Every app, configured ones first, with its last sign-in (support may read)",
        response: { 200: appListSchema, ...errorResponses(401, 403) },
      },
      // Support sees which apps exist and when they were last used; changing them is admin work.
      config: { role: "support" },
    },
    async () => {
      const [list, last] = await Promise.all([apps.list(), signIns.lastSignIns()]);
      return {
        apps: list.map((app) => {
          const at = last.get(app.clientId);
          return at === undefined ? app : { ...app, lastSignInAt: at };
        }),
      };
    },
  );

  app.post<{ Body: AppBody }>(
    "/apps",
    {
      schema: {
        tags,
        summary: "Add an app; its secret is in this answer only",
        body: newAppSchema,
        response: { 201: issuedSecretSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const refused = checkBody(reply, request.body);
      if (refused) return refused;
      const { body } = request;
      const input: NewApp = {
        name: (body.name ?? "").trim(),
        redirectUris: body.redirectUris ?? [],
        ...change(body),
        ...(body.public === undefined ? {} : { public: body.public }),
      };
      try {
        return reply.code(201).send(await apps.create(input));
      } catch (error) {
        return registryError(reply, error);
      }
    },
  );

  app.get<{ Params: IdParams }>(
    "/apps/:id",
    {
      schema: {
        tags,
        summary: "One app",
        params: appIdParamsSchema,
        response: { 200: appSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return (
        (await apps.get(id)) ??
        registryError(reply, new AppRegistryError("unknown_app", `No app with client_id ${id}.`), id)
      );
    },
  );

  app.patch<{ Params: IdParams; Body: AppBody }>(
    "/apps/:id",
    {
      schema: {
        tags,
        summary: "Change an app's name, redirect URIs, sub or scopes (admin-made apps only)",
        params: appIdParamsSchema,
        body: appChangeSchema,
        response: { 200: appSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const refused = checkBody(reply, request.body);
      if (refused) return refused;
      try {
        return await apps.update(request.params.id, change(request.body));
      } catch (error) {
        return registryError(reply, error, request.params.id);
      }
    },
  );

  app.delete<{ Params: IdParams }>(
    "/apps/:id",
    {
      schema: {
        tags,
        summary: "Remove an app: its sign-ins stop at once (admin-made apps only)",
        params: appIdParamsSchema,
        response: {
          200: { type: "object", required: ["ok"], properties: { ok: { type: "boolean" } } },
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      try {
        await apps.remove(request.params.id);
        await signIns.forgetApp(request.params.id);
        return { ok: true };
      } catch (error) {
        return registryError(reply, error, request.params.id);
      }
    },
  );

  app.post<{ Params: IdParams }>(
    "/apps/:id/secret",
    {
      schema: {
        tags,
        summary: "A new secret (answered once); the old one stops working at once",
        params: appIdParamsSchema,
        response: { 200: issuedSecretSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      try {
        return await apps.rotateSecret(request.params.id);
      } catch (error) {
        return registryError(reply, error, request.params.id);
      }
    },
  );
}
