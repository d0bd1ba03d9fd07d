import type { ErrorExplanation } from "@wxdesk/wechat";
import type { FastifyRequest } from "fastify";
import type { Page } from "../pages/layout.js";
import { badRequestPage, serverErrorPage, unavailablePage, wechatErrorPage } from "../pages/oauth-pages.js";

/** `config: { page: {…} }` on a route a browser opens: its errors answer an HTML page, never JSON. */
export interface PageRouteOptions {
  /** The error page's retry button. Default: the same address again (fine when opening it twice is). */
  retryHref?: string;
}

declare module "fastify" {
  interface FastifyContextConfig {
    page?: PageRouteOptions;
  }
}

/** The route's page options, or undefined for JSON routes (admin API, `/api/me`, `/jssdk/config`…). */
export function pageRouteOf(request: FastifyRequest): PageRouteOptions | undefined {
  return request.routeOptions?.config?.page;
}

function retryHref(request: FastifyRequest, options: PageRouteOptions): string {
  if (options.retryHref !== undefined) return options.retryHref;
  // Our own path and query only: never `//host…`, which a browser would read as another site.
  const url = request.url;
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

function isExplanation(value: unknown): value is ErrorExplanation {
  return typeof value === "object" && value !== null && "titleZh" in value && "fixZh" in value;
}

/** The page for an error answer on a page route, by status (DESIGN.md: a browser never sees JSON). */
export function errorPageFor(
  request: FastifyRequest,
  options: PageRouteOptions,
  status: number,
  extra: Record<string, unknown>,
): Page {
  const retry = retryHref(request, options);
  if (status === 503) return unavailablePage(retry);
  if (status === 502 && isExplanation(extra.explanation)) return wechatErrorPage(extra.explanation, retry);
  if (status >= 500) return serverErrorPage(retry);
  return badRequestPage();
}
