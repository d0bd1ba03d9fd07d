import type { z } from "zod";
import { badResponse, networkError, redirected, serverError, timedOut } from "./admin-errors.js";

/** Who the client talks to: a callback server's base URL and the bearer key of the active profile. */
export interface AdminTarget {
  baseUrl: string;
  key: string;
}

export interface AdminRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Under `/admin/api/`, e.g. `users/${openid}/check` (segments already encoded). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The one HTTP client for every admin route (docs/admin-api.md): bearer key, JSON in and out,
 * one error path (server errors, network failures, timeouts → DeskApiError), every 2xx answer
 * checked against its schema before it is trusted. Redirects are not followed: the key must not
 * travel on to another address, and a POST turned into a GET would silently do nothing.
 */
export class AdminClient {
  readonly origin: string;

  constructor(private readonly target: AdminTarget) {
    this.origin = new URL(target.baseUrl).origin;
  }

  url(path: string, query?: AdminRequest["query"]): URL {
    const url = new URL(`${this.target.baseUrl.replace(/\/+$/, "")}/admin/api/${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
    }
    return url;
  }

  /** `Authorization` for this target (the activity stream's own fetch uses it too). */
  authorization(): string {
    return `Bearer ${this.target.key}`;
  }

  async request<T>(request: AdminRequest, schema: z.ZodType<T>): Promise<T> {
    const method = request.method ?? "GET";
    const where = `${method} /admin/api/${request.path.split("?")[0]}`;
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const headers: Record<string, string> = {
      authorization: this.authorization(),
      accept: "application/json",
    };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url(request.path, request.query), {
        method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "TimeoutError" || name === "AbortError") throw timedOut(this.origin, timeoutMs);
      throw networkError(this.origin, error);
    }
    if (response.status >= 300 && response.status < 400) {
      throw redirected(this.origin, response.headers.get("location"));
    }
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) throw serverError(response.status, body, where, response.headers.get("retry-after"));
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw badResponse(where);
    return parsed.data;
  }
}
