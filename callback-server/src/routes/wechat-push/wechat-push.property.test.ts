import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { messageSignature, pushSignature } from "@wxdesk/wechat";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUSH_QUERY_NAMES } from "./push-query.js";
import { clickXml, type PushHarness, phoneUser, startPushHarness } from "./testing/push-test-harness.js";

// Property tests against the whole server (buildApp on a real port, SQLite, the sandbox account): whatever
// arrives at /wechat, the answer is clear — `success`, a reply, the echostr, or a 4xx/503 whose text says
// what is wrong in Chinese and English — never a 500, never a stack, never a crash. Most runs go through
// `app.inject` (the same Fastify app, no socket) to stay quick on two cores; some go over the network.
// WXDESK_FC_RUNS=5000 for a deeper local run.
const RUNS = Number(process.env.WXDESK_FC_RUNS) || 150;

let h: PushHarness;

beforeAll(async () => {
  // Every click key answers with XML: a push that was acted on would be visible in the answer.
  h = await startPushHarness({ replies: { click: { PROP: { type: "text", content: "被处理了" } } } });
});

afterAll(async () => {
  await h?.close();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

async function inject(
  method: "GET" | "POST",
  url: string,
  body: string,
  contentType?: string,
): Promise<Answer> {
  const response = await h.app.inject({
    method,
    url,
    ...(method === "POST" ? { payload: body } : {}),
    headers: contentType === undefined ? {} : { "content-type": contentType },
  });
  return {
    status: response.statusCode,
    contentType: String(response.headers["content-type"] ?? ""),
    body: response.body,
  };
}

const CJK = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z]{3}/;

/** What every answer must be: clear, in plain text or XML, bilingual when it refuses, never a stack. */
function expectClear(answer: Answer): void {
  expect(answer.status).toBeLessThan(500);
  expect(answer.contentType).toMatch(/^text\/(plain|xml)/);
  expect(answer.body).not.toMatch(/\n\s+at |Error:|FST_|ERR_/);
  if (answer.status >= 400) {
    expect(answer.body).toMatch(CJK);
    expect(answer.body).toMatch(LATIN);
  } else {
    expect(answer.status).toBe(200);
  }
}

const queryName = fc.constantFrom(...PUSH_QUERY_NAMES, "__proto__", "constructor", "x");
const queryValue = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("aes", "AES", "raw", "1", "0".repeat(40), String(Math.floor(Date.now() / 1000))),
);
/** A query string: well-formed pairs, or raw text with broken escapes, repeated names and odd separators. */
const queryString = fc.oneof(
  fc.array(fc.tuple(queryName, queryValue), { maxLength: 8 }).map((pairs) => {
    const search = new URLSearchParams();
    for (const [name, value] of pairs) search.append(name, value);
    return search.toString();
  }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom("%", "%E4%B8", "%zz", "&", "=", "==", "&&", "[]", "[a]=1", "?", "#", "+"),
        fc.string({ maxLength: 6 }),
      ),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join("").replace(/[#\s]/g, "")),
);
const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      "text/xml",
      "application/xml",
      "text/xml; charset=utf-16",
      "text/plain",
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/octet-stream",
      "/////",
      "text/",
      ";",
      "*/*",
    ),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz/;=-+. *"), maxLength: 40 }),
  ),
  { nil: undefined },
);
const body = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom(
    "",
    "<xml/>",
    "<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>",
    '<!DOCTYPE x [<!ENTITY e "e">]><xml>&e;</xml>',
    "x".repeat(70_000),
    '{"a":1}',
  ),
  fc.constant(null).map(() => clickXml(phoneUser(1), "PROP")),
);

describe("/wechat with arbitrary requests (property)", () => {
  it("arbitrary queries, bodies and content types → a clear answer, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST") as fc.Arbitrary<"GET" | "POST">,
        queryString,
        body,
        contentType,
        async (method, query, text, type) => {
          expectClear(await inject(method, `/wechat?${query}`, text, type));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("correctly signed requests with arbitrary bodies and content types → a clear answer, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        fc.constantFrom<Record<string, string>>(
          {},
          { encrypt_type: "aes" },
          { encrypt_type: "aes", msg_signature: "0".repeat(40) },
        ),
        async (text, type, extra) => {
          expectClear(await inject("POST", `/wechat${h.signedUrl(extra).search}`, text, type));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the same over the network: a clear answer, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(queryString, body, contentType, async (query, text, type) => {
        const response = await fetch(`${h.pushUrl}?${query}`, {
          method: "POST",
          headers: type === undefined ? {} : { "content-type": type },
          body: new TextEncoder().encode(text),
        });
        expectClear({
          status: response.status,
          contentType: response.headers.get("content-type") ?? "",
          body: await response.text(),
        });
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });
});

type Params = Array<[string, string]>;

/** One change to a signed query; the push must then be refused (or, when still validly signed, ignored). */
const queryMutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: queryValue }),
  fc.record({
    kind: fc.constant("edit" as const),
    at: fc.nat(),
    pos: fc.nat(),
    insert: fc.string({ maxLength: 3 }),
    cut: fc.nat({ max: 2 }),
  }),
  fc.record({ kind: fc.constant("case" as const), at: fc.nat(), pos: fc.nat() }),
  fc.record({
    kind: fc.constant("repeat" as const),
    at: fc.nat(),
    value: fc.option(queryValue, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
);
type QueryMutation = typeof queryMutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(params: Params, signed: readonly string[], m: QueryMutation): Params {
  const out = params.map(([name, value]): [string, string] => [name, value]);
  const index = (n: number) => out.findIndex(([name]) => name === signed[n % signed.length]);
  const i = index(m.at);
  const entry = out[i];
  if (!entry) return out;
  const [name, value] = entry;
  switch (m.kind) {
    case "delete":
      out.splice(i, 1);
      break;
    case "replace":
      entry[1] = m.value;
      break;
    case "edit": {
      const pos = m.pos % (value.length + 1);
      entry[1] = value.slice(0, pos) + m.insert + value.slice(pos + m.cut);
      break;
    }
    case "case": {
      const pos = m.pos % Math.max(1, value.length);
      const c = value.charAt(pos);
      entry[1] =
        value.slice(0, pos) +
        (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) +
        value.slice(pos + 1);
      break;
    }
    case "repeat":
      out.push([name, m.value ?? value]);
      break;
    case "swap": {
      const other = out[index(m.other)];
      if (other) [entry[1], other[1]] = [other[1], entry[1]];
      break;
    }
  }
  return out;
}

/**
 * What the server must answer a mutated push, in the order it checks (handle-push.ts): a wrong or missing
 * plain signature → 403; a validly signed but stale or unreadable timestamp → `success`, ignored; in safe
 * mode a wrong msg_signature → 403. A repeated name counts as missing (push-query.ts).
 */
function expectedRefusal(
  params: Params,
  encrypt: string | undefined,
): { status: 403 } | { status: 200; body: "success" } {
  const one = (name: string) => {
    const values = params.filter(([n]) => n === name).map(([, v]) => v);
    return values.length === 1 ? values[0] : undefined;
  };
  const [signature, timestamp, nonce] = [one("signature"), one("timestamp"), one("nonce")];
  if (signature === undefined || timestamp === undefined || nonce === undefined) return { status: 403 };
  if (pushSignature(SANDBOX_DEFAULTS.token, timestamp, nonce) !== signature) return { status: 403 };
  const now = Math.floor(Date.now() / 1000);
  if (!/^[1-9]\d{0,10}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > 300) {
    return { status: 200, body: "success" };
  }
  if (
    encrypt !== undefined &&
    one("msg_signature") !== messageSignature(SANDBOX_DEFAULTS.token, timestamp, nonce, encrypt)
  ) {
    return { status: 403 };
  }
  // Every signed value still checks out: only values the signature cannot tell apart can have changed
  // (e.g. timestamp and nonce swapped — the signed strings are sorted, §9.1), which the time check catches.
  throw new Error(`a mutation left a fully valid push: ${JSON.stringify(params)}`);
}

describe("/wechat with a mutated signed query (property)", () => {
  for (const mode of ["plain", "aes"] as const) {
    it(`any change to a signed value is refused (403, or success when stale), never acted on (${mode})`, async () => {
      const signed =
        mode === "plain"
          ? ["signature", "timestamp", "nonce"]
          : ["signature", "timestamp", "nonce", "msg_signature"];
      await fc.assert(
        fc.asyncProperty(fc.array(queryMutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const xml = clickXml(phoneUser(2), "PROP");
          const push = mode === "plain" ? { url: h.signedUrl(), body: xml } : h.sealed(xml);
          const encrypt =
            mode === "aes" ? /<Encrypt><!\[CDATA\[([^\]]*)\]\]>/.exec(push.body)?.[1] : undefined;
          const original: Params = [...push.url.searchParams.entries()];
          const params = mutations.reduce((p, m) => mutate(p, signed, m), original);
          const unchanged = JSON.stringify(params.toSorted()) === JSON.stringify(original.toSorted());
          fc.pre(!unchanged);
          const answer = await inject(
            "POST",
            `/wechat?${new URLSearchParams(params).toString()}`,
            push.body,
            "text/xml",
          );
          expectClear(answer);
          expect(answer).toMatchObject(expectedRefusal(params, encrypt));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("still answers a correct push afterwards (the server is alive and sane)", async () => {
    const answer = await inject(
      "POST",
      `/wechat${h.signedUrl().search}`,
      clickXml(phoneUser(3), "PROP"),
      "text/xml",
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("被处理了");
  });
});
