import type { IncomingHttpHeaders } from "node:http";
import { brotliDecompressSync, inflateRawSync, unzipSync } from "node:zlib";
import axios, {
  type AxiosAdapter,
  AxiosError,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from "axios";
import { type Dispatcher, request } from "undici";

/** Set on a request's config: called once the whole request has been written to the socket. */
export interface RequestSentHook {
  onRequestSent?: () => void;
}

/**
 * axios' transport on undici's pooled dispatcher, for what the WeChat client sends: a GET or a POST
 * with a string body, text answers, no redirects. The proxy, if any, is the dispatcher's business
 * (wechat-dispatcher.ts). Failures come out as axios' own adapter gives them, which is what
 * transport-error.ts maps: socket errors with their `code`, an oversized answer as
 * ERR_BAD_RESPONSE, an aborted signal as CanceledError.
 */
export function undiciAdapter(dispatcher: Dispatcher): AxiosAdapter {
  return async (config) => {
    const headers = config.headers.toJSON(true) as Record<string, string>;
    // Same defaults as axios' adapter: some servers refuse requests without a User-Agent.
    if (!hasHeader(headers, "user-agent")) headers["user-agent"] = `axios/${axios.VERSION}`;
    if (!hasHeader(headers, "accept-encoding")) headers["accept-encoding"] = "gzip, compress, deflate, br";
    const signal = config.signal as AbortSignal | undefined;
    const maxBytes = config.maxContentLength ?? -1;
    let raw: Buffer;
    let answer: Dispatcher.ResponseData;
    try {
      answer = await request(config.url as string, {
        dispatcher,
        method: (config.method ?? "get").toUpperCase() as Dispatcher.HttpMethod,
        headers,
        body: typeof config.data === "string" ? config.data : null,
        ...(signal ? { signal } : {}),
        // Read by the dispatcher's `requestSent` interceptor (wechat-dispatcher.ts).
        ...({ onRequestSent: (config as RequestSentHook).onRequestSent } as object),
      });
      raw = await readBounded(answer.body, maxBytes, config);
    } catch (error) {
      if (signal?.aborted) throw new CanceledError(undefined, config);
      if (error instanceof AxiosError) throw error;
      const code = (error as { code?: string }).code;
      throw AxiosError.from(error as Error, code, config);
    }
    let text: string;
    try {
      text = decode(raw, answer.headers, maxBytes).toString(
        (config.responseEncoding as BufferEncoding | undefined) ?? "utf8",
      );
    } catch (error) {
      // zlib stops at the bound: the same "too large" answer as an oversized plain body.
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes, config);
      throw AxiosError.from(error as Error, undefined, config);
    }
    const response: AxiosResponse<unknown> = {
      data: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
      status: answer.statusCode,
      statusText: "",
      // dispatchRequest turns these into AxiosHeaders, as it does for axios' own adapter.
      headers: answer.headers as AxiosResponse["headers"],
      config,
    };
    if (config.validateStatus && !config.validateStatus(response.status)) {
      const code = response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
      throw new AxiosError(
        `Request failed with status code ${response.status}`,
        code,
        config,
        undefined,
        response,
      );
    }
    return response;
  };
}

async function readBounded(
  body: Dispatcher.ResponseData["body"],
  maxBytes: number,
  config: InternalAxiosRequestConfig,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    if (maxBytes > -1 && bytes > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes, config);
    }
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
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
