import { redirectUriProblem } from "@wxdesk/callback-server";
import type {
  ConnectedApp,
  ConnectedApps,
  DeskApi,
  IssuedAppSecret,
  NewConnectedApp,
} from "../../desk-api.js";
import type { AdminClient, AdminRequest } from "../admin/admin-client.js";
import {
  infoShape,
  issuedSecretShape,
  type OidcAppAnswer,
  oidcAppsShape,
  okShape,
  publicUrlShape,
} from "../admin/admin-shapes.js";
import { DeskApiError } from "../desk-api-error.js";
import { clientFor, type DeskContext } from "../desk-context.js";

/** Field by field: only these reach the renderer, whatever else a server sends. */
function connectedApp(a: OidcAppAnswer): ConnectedApp {
  return {
    clientId: a.clientId,
    name: a.name,
    redirectUris: [...a.redirectUris],
    source: a.source === "env" ? "settings" : "admin",
    public: a.public,
    ...(a.createdAt === undefined ? {} : { createdAt: a.createdAt }),
    ...(a.secretRotatedAt === undefined ? {} : { secretRotatedAt: a.secretRotatedAt }),
    ...(a.lastSignInAt === undefined ? {} : { lastSignInAt: a.lastSignInAt }),
  };
}

/** Where an app's library reads the provider's addresses and keys: the server's public address + the standard path. */
async function discoveryUrl(client: AdminClient): Promise<string> {
  const info = await client.request({ path: "info" }, infoShape.and(publicUrlShape));
  return `${info.publicUrl.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}

/**
 * The server's words name its API (`client_id`, `WXDESK_OIDC_CLIENTS`): the ones an admin meets in
 * this screen are said again in plain words. Anything else passes as the server said it.
 */
function plainWords(error: unknown): unknown {
  if (!(error instanceof DeskApiError)) return error;
  if (error.code === "unknown_app") {
    return new DeskApiError(
      "unknown_app",
      "This app no longer exists (it may have been removed already).",
      "这个应用已不存在（可能已被删除）。",
    );
  }
  if (error.code === "app_read_only") {
    return new DeskApiError(
      "app_read_only",
      "This app is set in the server's settings (WXDESK_OIDC_CLIENTS): change it there.",
      "这个应用写在服务器设置 WXDESK_OIDC_CLIENTS 里，只能在那里修改。",
    );
  }
  if (error.code === "too_many_apps") {
    return new DeskApiError(
      "too_many_apps",
      "The server holds as many apps as it can: remove one you no longer use first.",
      "应用数量已达上限，请先删除不再使用的应用。",
    );
  }
  return error;
}

/** The discovery address first: once the server has made a secret, nothing may fail before it is answered. */
async function issued(client: AdminClient, request: AdminRequest): Promise<IssuedAppSecret> {
  try {
    const discovery = await discoveryUrl(client);
    const answer = await client.request(request, issuedSecretShape);
    return { app: connectedApp(answer.app), clientSecret: answer.clientSecret, discoveryUrl: discovery };
  } catch (error) {
    throw plainWords(error);
  }
}

/**
 * The active profile's connected apps (the server's `/admin/api/apps`). The secret of `create` and
 * `rotateSecret` passes through to the renderer once: nothing here keeps, logs or writes it.
 */
export function appsMethods(ctx: DeskContext): DeskApi["apps"] {
  return {
    async list(): Promise<ConnectedApps> {
      const client = await clientFor(ctx);
      const [answer, discovery] = await Promise.all([
        client.request({ path: "apps" }, oidcAppsShape),
        discoveryUrl(client),
      ]);
      return { apps: answer.apps.map(connectedApp), discoveryUrl: discovery };
    },
    async create(input: NewConnectedApp): Promise<IssuedAppSecret> {
      const redirectUri = input.redirectUri.trim();
      const problem = redirectUriProblem(redirectUri);
      if (problem) {
        throw new DeskApiError(
          "redirect_uri_invalid",
          `The address to come back to ${problem.en}.`,
          `登录后回到的地址${problem.zh}。`,
          { field: "redirectUri" },
        );
      }
      const client = await clientFor(ctx);
      return issued(client, {
        method: "POST",
        path: "apps",
        body: { name: input.name.trim(), redirectUris: [redirectUri] },
      });
    },
    async rotateSecret(clientId: string): Promise<IssuedAppSecret> {
      const client = await clientFor(ctx);
      return issued(client, { method: "POST", path: `apps/${encodeURIComponent(clientId)}/secret` });
    },
    async remove(clientId: string): Promise<void> {
      const client = await clientFor(ctx);
      try {
        await client.request({ method: "DELETE", path: `apps/${encodeURIComponent(clientId)}` }, okShape);
      } catch (error) {
        throw plainWords(error);
      }
    },
  };
}
