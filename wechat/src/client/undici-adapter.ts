import type { IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, inflateRawSync, unzipSync } from "node:zlib";
import axios, {
  type AxiosAdapter,
  AxiosError,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from "axios";
import type { Dispatcher } from "undici";

/** Set on a request's config: called once the whole request has been written to the socket. */
export interface RequestSentHook {
  onRequestSent?: () => void;
}

/**
 * axios' transport on undici's pooled dispatcher, for what the WeChat client sends: a GET or a POST
 * with a string body, text answers, no redirects. The proxy, if any, is the dispatcher's business
 * (wechat-dispatcher.ts). Failures come out as axios' own adapter gives them, which is what
 * transport-error.ts maps: socket errors with their `code`, an oversized answer as
 * ERR_BAD_RESPONSE, an aborted signal as CanceledError. `dispatch` with a handler of our own (not
 * `request()`): its `onRequestSent` tells whether the request left this machine (a code may be
 * spent), and the body is counted as it arrives, no stream in between.
 */
export function undiciAdapter(dispatcher: Dispatcher): AxiosAdapter {
  return (config) =>
    new Promise((resolve, reject) => {
      const { origin, path } = splitUrl(config.url as string);
      const headers = config.headers.toJSON(true) as Record<string, string>;
      // Same defaults as axios' adapter: some servers refuse requests without a User-Agent.
      if (!hasHeader(headers, "user-agent")) headers["user-agent"] = `axios/${axios.VERSION}`;
      if (!hasHeader(headers, "accept-encoding")) headers["accept-encoding"] = "gzip, compress, deflate, br";
      const signal = config.signal as AbortSignal | undefined;
      const maxBytes = config.maxContentLength ?? -1;
      let abort: ((reason?: Error) => void) | undefined;
      let settled = false;
      let status = 0;
      let answerHeaders: IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      let bytes = 0;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      function onAbort() {
        fail(new CanceledError(undefined, config));
        abort?.(new Error("aborted"));
      }
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort);

      // undici's handler interface, plus the event its typings leave out (the client does call it).
      const handler: Dispatcher.DispatchHandler & { onRequestSent(): void } = {
        onConnect(abortRequest) {
          abort = abortRequest;
          if (settled) abortRequest(new Error("aborted"));
        },
        onRequestSent: () => (config as RequestSentHook).onRequestSent?.(),
        onHeaders(statusCode, rawHeaders) {
          status = statusCode;
          answerHeaders = headerObject(rawHeaders);
          return true;
        },
        onData(chunk) {
          bytes += chunk.length;
          if (maxBytes > -1 && bytes > maxBytes) {
            fail(tooLarge(maxBytes, config));
            abort?.(new Error("too large"));
            return false;
          }
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          if (settled) return;
          try {
            resolve(answer(config, status, answerHeaders, Buffer.concat(chunks), maxBytes));
          } catch (error) {
            fail(error as Error);
          }
          settled = true;
          signal?.removeEventListener("abort", onAbort);
        },
        onError(error) {
          const code = (error as { code?: string }).code;
          fail(AxiosError.from(error, code, config));
        },
      };
      dispatcher.dispatch(
        {
          origin,
          path,
          method: (config.method ?? "get").toUpperCase() as Dispatcher.HttpMethod,
          headers,
          body: typeof config.data === "string" ? config.data : null,
        },
        handler,
      );
    });
}

/**
 * `https://host[:port]/path?query` → its origin and the rest, without a URL object per call (the
 * transport builds the address from a checked base and its own path and query).
 */
export function splitUrl(url: string): { origin: string; path: string } {
  const scheme = url.indexOf("://");
  if (scheme <= 0) throw new TypeError(`Invalid URL: ${url}`);
  const slash = url.indexOf("/", scheme + 3);
  return slash === -1 ? { origin: url, path: "/" } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

function answer(
  config: InternalAxiosRequestConfig,
  status: number,
  headers: IncomingHttpHeaders,
  raw: Buffer,
  maxBytes: number,
): AxiosResponse<unknown> {
  let text: string;
  try {
    text = decode(raw, headers, maxBytes).toString(
      (config.responseEncoding as BufferEncoding | undefined) ?? "utf8",
    );
  } catch (error) {
    // zlib stops at the bound: the same "too large" answer as an oversized plain body.
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes, config);
    throw AxiosError.from(error as Error, undefined, config);
  }
  const response: AxiosResponse<unknown> = {
    data: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    status,
    statusText: "",
    // dispatchRequest turns these into AxiosHeaders, as it does for axios' own adapter.
    headers: headers as AxiosResponse["headers"],
    config,
  };
  if (config.validateStatus && !config.validateStatus(status)) {
    const code = status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
    throw new AxiosError(`Request failed with status code ${status}`, code, config, undefined, response);
  }
  return response;
}

/** undici's raw `[name, value, name, value…]` as Node's header object (names lower case). */
function headerObject(raw: Buffer[] | string[] | null): IncomingHttpHeaders {
  const headers: Record<string, string> = {};
  if (!raw) return headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

function hasHeader(headers: Record<string, string>, lower: string): boolean {
  for (const name in headers) if (name.toLowerCase() === lower) return true;
  return false;
}

/**
 * axios' adapter decompresses too (it advertises the same encodings). The output is bounded like the
 * body itself, so a small compressed answer cannot expand into a huge buffer (zlib throws past it).
 */
function decode(raw: Buffer, headers: IncomingHttpHeaders, maxBytes: number): Buffer {
  const encoding = String(headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  if (raw.length === 0 || encoding === "" || encoding === "identity") return raw;
  const bound = maxBytes > -1 ? { maxOutputLength: maxBytes + 1 } : {};
  let out = raw;
  if (encoding === "br") out = brotliDecompressSync(raw, bound);
  else if (["gzip", "x-gzip", "compress", "x-compress"].includes(encoding)) out = unzipSync(raw, bound);
  // deflate comes with a zlib header or without one (raw), as axios' adapter also accepts.
  else if (encoding === "deflate")
    out = (raw[0] ?? 0) % 16 === 8 ? unzipSync(raw, bound) : inflateRawSync(raw, bound);
  if (maxBytes > -1 && out.length > maxBytes)
    throw Object.assign(new Error("too large"), { code: "ERR_BUFFER_TOO_LARGE" });
  return out;
}

function tooLarge(maxBytes: number, config: InternalAxiosRequestConfig): AxiosError {
  return new AxiosError(`maxContentLength size of ${maxBytes} exceeded`, AxiosError.ERR_BAD_RESPONSE, config);
}
