import { readFile } from "node:fs/promises";
import { extname, isAbsolute, join, relative, sep } from "node:path";
import { protocol } from "electron";
import { PAGE_SECURITY_HEADERS } from "../shared/content-security-policy.js";
import { APP_HOST, APP_SCHEME } from "./app-url.js";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative URL resolution,
 * `secure` makes it a secure context (like https), `supportFetchAPI` lets the page fetch its own files.
 * No `bypassCSP`: our CSP applies to it like to any web page.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` (Vite's build) on `app://wxdesk/`; call once the app is ready. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request));
}

/**
 * One response per request, every one with the CSP and the other page headers. Anything outside
 * `rendererDir` (`..`, encoded slashes, another host) is a 404, never a read.
 */
export async function serveRendererFile(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return plain(405, "Method not allowed");
  const filePath = resolveInside(rendererDir, request.url);
  if (filePath === null) return plain(404, "Not found");
  let body: Buffer;
  try {
    body = await readFile(filePath);
  } catch {
    return plain(404, "Not found");
  }
  const headers = {
    ...PAGE_SECURITY_HEADERS,
    "content-type": CONTENT_TYPES[extname(filePath).toLowerCase()] ?? "application/octet-stream",
    "cache-control": "no-cache",
  };
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), { status: 200, headers });
}

function resolveInside(rootDir: string, rawUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(rawUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const wanted = pathname === "/" || pathname === "" ? "index.html" : pathname.replace(/^\/+/, "");
  const filePath = join(rootDir, wanted);
  const inside = relative(rootDir, filePath);
  if (inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside)) return null;
  return filePath;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...PAGE_SECURITY_HEADERS, "content-type": "text/plain; charset=utf-8" },
  });
}
