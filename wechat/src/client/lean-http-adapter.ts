import http from "node:http";
import https from "node:https";
import { brotliDecompressSync, inflateRawSync, unzipSync } from "node:zlib";
import axios, {
  type AxiosAdapter,
  AxiosError,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from "axios";

/** What `config.transport` may be: node:http(s) or a wrapper with the same `request`. */
interface RequestTransport {
  request(options: http.RequestOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest;
}

const PROXY_VARIABLES = ["http_proxy", "https_proxy", "all_proxy"];

/**
 * True when the environment names a proxy the way axios reads it (proxy-from-env: `<scheme>_proxy`
 * or `all_proxy`, either case). Read once, when a client is created: the server's environment is
 * fixed at start.
 */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((name) => Boolean(env[name] || env[name.toUpperCase()]));
}

/**
 * An axios adapter for what the WeChat client sends (a GET, or a POST with a string body, text
 * answers, no proxy), straight on node:http(s) with the client's keep-alive agents. axios' own
 * http adapter does much more per call (proxy lookup in the environment, redirect and
 * decompression streams, progress, URL re-parsing): at an OAuth callback's two calls that was a
 * visible share of the server's CPU. Anything else — a proxy, params, auth, another
 * responseType — goes to axios' own adapter, so behaviour never depends on which one ran.
 *
 * Same outcomes as axios' adapter for the client's error mapping (transport-error.ts): socket
 * errors as `AxiosError.from(err)` (their `code` kept), an oversized or aborted answer as
 * ERR_BAD_RESPONSE, an aborted signal as CanceledError; `config.transport` is honoured (the
 * client tracks there whether the request was fully written).
 */
export function leanHttpAdapter(options: { useProxy: boolean }): AxiosAdapter {
  const fallback = axios.getAdapter("http");
  return (config) => {
    if (options.useProxy || !leanCanSend(config)) return fallback(config);
    return send(config);
  };
}

function leanCanSend(config: InternalAxiosRequestConfig): boolean {
  return (
    config.proxy === undefined &&
    config.params === undefined &&
    config.auth === undefined &&
    config.responseType === "text" &&
    config.maxRedirects === 0 &&
    !config.timeout &&
    config.decompress !== false &&
    config.socketPath == null &&
    config.lookup === undefined &&
    (config.data === undefined || typeof config.data === "string") &&
    typeof config.url === "string" &&
    (config.baseURL === undefined || /^https?:\/\//.test(config.url))
  );
}

function send(config: InternalAxiosRequestConfig): Promise<AxiosResponse<unknown>> {
  return new Promise((resolve, reject) => {
    const url = new URL(config.url as string);
    const isHttps = url.protocol === "https:";
    const headers = config.headers.toJSON(true) as Record<string, string>;
    // Same default as axios' adapter: some servers refuse requests without a User-Agent.
    if (!hasHeader(headers, "user-agent")) headers["User-Agent"] = `axios/${axios.VERSION}`;
    if (!hasHeader(headers, "accept-encoding")) headers["Accept-Encoding"] = "gzip, compress, deflate, br";
    const body = typeof config.data === "string" ? Buffer.from(config.data, "utf8") : undefined;
    if (body) headers["Content-Length"] = String(body.length);

    const transport: RequestTransport =
      (config.transport as RequestTransport | undefined) ?? (isHttps ? https : http);
    const maxBytes = config.maxContentLength ?? -1;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      config.signal?.removeEventListener?.("abort", onAbort);
      reject(error);
    };
    const done = (response: AxiosResponse<unknown>) => {
      if (settled) return;
      settled = true;
      config.signal?.removeEventListener?.("abort", onAbort);
      const validate = config.validateStatus;
      if (!response.status || !validate || validate(response.status)) resolve(response);
      else {
        const code = response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
        reject(
          new AxiosError(`Request failed with status code ${response.status}`, code, config, req, response),
        );
      }
    };

    const req = transport.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: (config.method ?? "get").toUpperCase(),
        headers,
        agent: isHttps ? config.httpsAgent : config.httpAgent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          bytes += chunk.length;
          if (maxBytes > -1 && bytes > maxBytes) {
            // Settled first: destroying emits 'aborted', which must not win.
            fail(tooLarge(maxBytes, config, req));
            res.destroy();
            req.destroy();
          }
        });
        res.on("aborted", () => {
          fail(new AxiosError("stream has been aborted", AxiosError.ERR_BAD_RESPONSE, config, req));
        });
        res.on("error", (error) => fail(AxiosError.from(error, undefined, config, req)));
        res.on("end", () => {
          if (settled) return;
          let text: string;
          try {
            const raw = decode(
              chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
              res.headers,
              maxBytes,
            );
            if (maxBytes > -1 && raw.length > maxBytes) return fail(tooLarge(maxBytes, config, req));
            text = raw.toString((config.responseEncoding as BufferEncoding | undefined) ?? "utf8");
            if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          } catch (error) {
            // zlib stops at the bound: the same "too large" answer as an oversized plain body.
            if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
              return fail(tooLarge(maxBytes, config, req));
            }
            return fail(AxiosError.from(error as Error, undefined, config, req));
          }
          done({
            data: text,
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            // dispatchRequest turns these into AxiosHeaders, as it does for axios' own adapter.
            headers: res.headers as AxiosResponse["headers"],
            config,
            request: req,
          });
        });
      },
    );
    function onAbort() {
      req.destroy();
      fail(new CanceledError(undefined, config, req));
    }
    req.on("error", (error) => fail(AxiosError.from(error, undefined, config, req)));
    if (config.signal?.aborted) return onAbort();
    config.signal?.addEventListener?.("abort", onAbort);
    req.end(body);
  });
}

function hasHeader(headers: Record<string, string>, lower: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lower) return true;
  return false;
}

/**
 * axios' adapter decompresses too (it advertises the same encodings). The output is bounded like the
 * body itself, so a small compressed answer cannot expand into a huge buffer (zlib throws past it).
 */
function decode(raw: Buffer, headers: http.IncomingHttpHeaders, maxBytes: number): Buffer {
  const encoding = (headers["content-encoding"] ?? "").trim().toLowerCase();
  if (raw.length === 0 || encoding === "" || encoding === "identity") return raw;
  const bound = maxBytes > -1 ? { maxOutputLength: maxBytes + 1 } : {};
  if (encoding === "br") return brotliDecompressSync(raw, bound);
  if (["gzip", "x-gzip", "compress", "x-compress"].includes(encoding)) return unzipSync(raw, bound);
  // deflate comes with a zlib header or without one (raw), as axios' adapter also accepts.
  if (encoding === "deflate")
    return (raw[0] ?? 0) % 16 === 8 ? unzipSync(raw, bound) : inflateRawSync(raw, bound);
  return raw;
}

function tooLarge(maxBytes: number, config: InternalAxiosRequestConfig, req: http.ClientRequest): AxiosError {
  return new AxiosError(
    `maxContentLength size of ${maxBytes} exceeded`,
    AxiosError.ERR_BAD_RESPONSE,
    config,
    req,
  );
}
