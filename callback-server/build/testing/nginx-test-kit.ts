import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { join } from "node:path";

/** Test-only: deploy/nginx-wxdesk.conf under a real nginx, in a temp folder, without root's paths. */

export interface SitePorts {
  http: number;
  https: number;
  /** Where the callback server listens (the snippet's 7200). */
  upstream: number;
}

/** A self-signed certificate for wx.example.com: `{cert, key}` paths in `dir`. */
export function selfSignedCert(openssl: string, dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync(
    openssl,
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=wx.example.com"].concat([
      "-keyout",
      key,
      "-out",
      cert,
    ]),
    { stdio: "ignore" },
  );
  return { cert, key };
}

/** Replaces `pattern`, and fails when it is not in the text: a changed snippet must change this rewrite too. */
function swap(text: string, pattern: RegExp, replacement: string): string {
  if (!pattern.test(text))
    throw new Error(`nginx-wxdesk.conf no longer holds ${pattern}: update nginx-test-kit.ts`);
  return text.replace(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`), replacement);
}

/**
 * The snippet as it would run here: certificates, logs and the ACME folder in `dir`; with `ports`,
 * listening on loopback ports of its own and proxying to the test's server instead of 80/443/7200.
 */
export function siteForTest(dir: string, cert: { cert: string; key: string }, ports?: SitePorts): string {
  for (const sub of ["logs", "webroot"]) mkdirSync(join(dir, sub), { recursive: true });
  let site = readFileSync(new URL("../../deploy/nginx-wxdesk.conf", import.meta.url), "utf8");
  site = swap(site, /ssl_certificate\s+\S+;/, `ssl_certificate ${cert.cert};`);
  site = swap(site, /ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${cert.key};`);
  site = swap(site, /\/var\/log\/nginx\//, `${join(dir, "logs")}/`);
  site = swap(site, /root \/var\/www\/html;/, `root ${join(dir, "webroot")};`);
  if (!ports) return site;
  site = swap(site, /^[ \t]*listen \[::\]:\d+[^;]*;\n/m, "");
  site = swap(site, /listen 80;/, `listen 127.0.0.1:${ports.http};`);
  site = swap(site, /listen 443 ssl/, `listen 127.0.0.1:${ports.https} ssl`);
  return swap(site, /http:\/\/127\.0\.0\.1:7200/, `http://127.0.0.1:${ports.upstream}`);
}

/** nginx.conf with `include` of the site inside http { }, as Debian's /etc/nginx/conf.d/ is. */
export function mainConfigForTest(dir: string, site: string, options: { foreground: boolean }): string {
  const confd = join(dir, "conf.d");
  mkdirSync(confd, { recursive: true });
  writeFileSync(join(confd, "wxdesk.conf"), site);
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
    mkdirSync(join(dir, "tmp", t), { recursive: true });
  const path = join(dir, "nginx.conf");
  writeFileSync(
    path,
    [
      // One process, in the foreground, as the user running the test: the test can stop it by its pid.
      ...(options.foreground ? ["daemon off;", "master_process off;"] : []),
      `pid ${join(dir, "nginx.pid")};`,
      `error_log ${join(dir, "logs", "error.log")} warn;`,
      "events { worker_connections 256; }",
      "http {",
      "access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (t) => `${t}_temp_path ${join(dir, "tmp", t === "client_body" ? "body" : t)};`,
      ),
      `include ${confd}/*.conf;`,
      "}",
    ].join("\n"),
  );
  return path;
}

/**
 * Debian's own /etc/nginx/nginx.conf (with its default site), the snippet dropped into a copy of
 * its conf.d: what `sudo cp … /etc/nginx/conf.d/wxdesk.conf && sudo nginx -t` checks on a server.
 * Undefined when this machine's nginx is not laid out the Debian way.
 */
export function debianConfigForTest(dir: string, site: string): string | undefined {
  const debian = "/etc/nginx/nginx.conf";
  if (!existsSync(debian)) return undefined;
  const original = readFileSync(debian, "utf8");
  if (!original.includes("include /etc/nginx/conf.d/*.conf;")) return undefined;
  const confd = join(dir, "debian-conf.d");
  mkdirSync(confd, { recursive: true });
  mkdirSync(join(dir, "logs"), { recursive: true });
  writeFileSync(join(confd, "wxdesk.conf"), site);
  const path = join(dir, "debian-nginx.conf");
  writeFileSync(
    path,
    original
      .replace("include /etc/nginx/conf.d/*.conf;", `include ${confd}/*.conf;`)
      .replaceAll("/var/log/nginx/", `${join(dir, "logs")}/`)
      .replace(/^\s*pid\s+\S+;/m, `pid ${join(dir, "debian-nginx.pid")};`),
  );
  return path;
}

/** Resolves once something accepts TCP connections on `port` (nginx is up), or fails after `timeoutMs`. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts nginx in the foreground with `config`; stop it with `child.kill()`. */
export function startNginx(nginx: string, dir: string, config: string): ChildProcess {
  return spawn(nginx, ["-p", dir, "-c", config, "-e", join(dir, "logs", "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * nginx in front of a server listening on `ports.upstream`: the shipped site (changed by `site`, e.g.
 * `withForwardAuth`) with a self-signed certificate in `dir`, started and answering on both ports.
 */
export async function startNginxSite(options: {
  nginx: string;
  openssl: string;
  dir: string;
  ports: SitePorts;
  site?: (site: string) => string;
}): Promise<ChildProcess> {
  const { dir, ports } = options;
  const shipped = siteForTest(dir, selfSignedCert(options.openssl, dir), ports);
  const config = mainConfigForTest(dir, options.site ? options.site(shipped) : shipped, { foreground: true });
  const child = startNginx(options.nginx, dir, config);
  await waitForPort(ports.https, child);
  await waitForPort(ports.http, child);
  return child;
}

/** Stops nginx gracefully (SIGQUIT: it finishes what it serves) and waits until it has exited. */
export async function stopNginx(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const ended = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGQUIT");
  await ended;
}

export interface NginxAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** More of a request than `getAsBrowser` sends: method, headers (a Cookie, forged ones), a body. */
export interface BrowserRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * GET to loopback as a browser at (https|http)://wx.example.com would: the Host header and, over
 * TLS, the server name of the domain (the test's certificate is self-signed, so it is not checked).
 */
export function getAsBrowser(
  port: number,
  path: string,
  tls: boolean,
  request: BrowserRequest = {},
): Promise<NginxAnswer> {
  const options = {
    host: "127.0.0.1",
    port,
    path,
    method: request.method ?? "GET",
    headers: { ...request.headers, host: "wx.example.com" },
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    };
    const req = tls
      ? httpsRequest({ ...options, servername: "wx.example.com", rejectUnauthorized: false }, onResponse)
      : httpRequest(options, onResponse);
    req.on("error", reject);
    req.end(request.body);
  });
}

/**
 * deploy/nginx-forward-auth.conf pasted where its comment says — inside the HTTPS server, after the
 * server's own proxy settings — with wxdesk at `upstream` and the protected app at `appPort`.
 */
export function withForwardAuth(site: string, upstream: number, appPort: number): string {
  let snippet = readFileSync(new URL("../../deploy/nginx-forward-auth.conf", import.meta.url), "utf8");
  snippet = swap(snippet, /http:\/\/127\.0\.0\.1:7200/, `http://127.0.0.1:${upstream}`);
  snippet = swap(snippet, /http:\/\/127\.0\.0\.1:8080/, `http://127.0.0.1:${appPort}`);
  const https = site.indexOf("ssl_certificate ");
  const anchor = site.indexOf('proxy_set_header Connection "";\n', https);
  if (https < 0 || anchor < 0) throw new Error("nginx-wxdesk.conf changed: update withForwardAuth");
  const at = anchor + 'proxy_set_header Connection "";\n'.length;
  return `${site.slice(0, at)}\n${snippet}\n${site.slice(at)}`;
}
