import { createHash, randomBytes } from "node:crypto";
import type http from "node:http";
import { CookieJar } from "../lib/browser-client.js";
import { httpCall } from "../lib/keep-alive.js";
import type { Figures } from "../lib/results.js";
import { consentLocation, sandboxCalls } from "../lib/sandbox-child.js";
import { withSnsRig } from "../lib/sns-rig.js";
import { runTasks } from "../lib/task-load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 32;
/** WeChat is a network hop away: the sandbox adds this to every sns/* call (its fault rules). */
const UPSTREAM_MS = 20;
const WARM_UP = 64;
/** The app's callback: nothing listens there (port 9), the "browser" stops at the redirect. */
const APP_CALLBACK = "http://127.0.0.1:9/callback";
const APP = {
  client_id: "bench-shop",
  client_secret: randomBytes(32).toString("base64url"),
  redirect_uris: [APP_CALLBACK],
  name: "压测商城",
};

/**
 * Whole OpenID Connect sign-ins per second through one callback server process (SQLite), an app
 * with a secret asking `openid profile` at 20 ms upstream latency, 32 at a time. Each sign-in is a
 * fresh browser: the app's authorization URL (PKCE S256) → the login step → `/oauth/start` →
 * WeChat's consent (the sandbox's control API, like the `callback` suite) → the OAuth callback
 * (code exchange + userinfo, 20 ms each) → back to the login step → the app's redirect with a code
 * → the token request (client_secret_basic) → an id_token for that person. Every hop is timed.
 */
export async function oidcSignIn(): Promise<Figures> {
  return withSnsRig(
    {
      scratch: "wxdesk-bench-oidc-",
      connections: CONCURRENCY * 2,
      upstreamMs: UPSTREAM_MS,
      env: { WXDESK_OIDC_CLIENTS: JSON.stringify([APP]) },
    },
    async ({ sandbox, server, agent, openids }) => {
      const flow = { agent, serverUrl: server.url, sandboxUrl: sandbox.url };
      const task = async (i: number) =>
        (await signIn(flow, openids[i % openids.length] as string)) ? "sign_in" : false;

      const warm = await runTasks({ concurrency: CONCURRENCY, count: WARM_UP, task });
      if (warm.failures > 0) throw new Error(`warm-up: ${warm.failures} of ${WARM_UP} sign-ins failed`);
      const callsBefore = await sandboxCalls(sandbox.url);
      const cpuBefore = await server.cpuMs();
      const load = await runTasks({ concurrency: CONCURRENCY, seconds: SECONDS, task });
      const cpuMs = (await server.cpuMs()) - cpuBefore;
      const callsAfter = await sandboxCalls(sandbox.url);
      if (load.failures > 0)
        throw new Error(`${load.failures} of ${load.total + load.failures} sign-ins failed`);
      // Each sign-in made exactly its two WeChat calls: no retries or replays counted as sign-ins.
      const upstream = ["/sns/oauth2/access_token", "/sns/userinfo"].map(
        (path) => (callsAfter[path] ?? 0) - (callsBefore[path] ?? 0),
      );
      if (upstream.some((n) => n !== load.total)) {
        throw new Error(
          `${load.total} sign-ins but WeChat saw ${upstream.join(" exchanges, ")} userinfo calls`,
        );
      }
      const condition = `${UPSTREAM_MS} ms upstream, ${CONCURRENCY} concurrent, openid profile`;
      return {
        "server.oidc.sign_ins_per_second": {
          value: Math.round(load.perSecond),
          unit: `sign-ins/s (${condition})`,
        },
        "server.oidc.p50": {
          value: round2(load.p50Ms),
          unit: "ms per whole sign-in (7 requests to the server, 1 consent)",
        },
        "server.oidc.p99": { value: round2(load.p99Ms), unit: "ms" },
        "server.oidc.cpu_per_sign_in": { value: round2(cpuMs / load.total), unit: "ms server CPU/sign-in" },
        "server.oidc.sign_ins": { value: load.total, unit: `sign-ins in ${round2(load.seconds)} s` },
      };
    },
  );
}

interface Flow {
  agent: http.Agent;
  serverUrl: string;
  sandboxUrl: string;
}

const b64url = (bytes: Buffer) => bytes.toString("base64url");

/** The whole sign-in; true when the app got an id_token for `openid`. */
async function signIn(flow: Flow, openid: string): Promise<boolean> {
  const jar = new CookieJar();
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(16));
  const nonce = b64url(randomBytes(16));
  let url = `${flow.serverUrl}/oidc/auth?${new URLSearchParams({
    client_id: APP.client_id,
    redirect_uri: APP_CALLBACK,
    response_type: "code",
    scope: "openid profile",
    state,
    nonce,
    code_challenge: b64url(createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  })}`;
  let code: string | null = null;
  for (let hop = 0; hop < 12 && code === null; hop++) {
    const answer = await httpCall(flow.agent, url, { headers: { cookie: jar.header() } });
    jar.take(answer.headers["set-cookie"]);
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status > 399 || !location) return false;
    const next = new URL(location, url);
    if (next.href.startsWith(APP_CALLBACK)) {
      if (next.searchParams.get("state") !== state) return false;
      code = next.searchParams.get("code");
    } else if (next.origin === new URL(flow.sandboxUrl).origin) {
      // WeChat's authorize page: the user allows; WeChat redirects back with a fresh code.
      const callback = await consentLocation(flow.agent, flow.sandboxUrl, {
        redirectUri: next.searchParams.get("redirect_uri") ?? "",
        scope: next.searchParams.get("scope") ?? "",
        state: next.searchParams.get("state") ?? "",
        openid,
      });
      url = callback.href;
    } else {
      url = next.href;
    }
  }
  if (!code) return false;
  const token = await httpCall(flow.agent, `${flow.serverUrl}/oidc/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${APP.client_id}:${APP.client_secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: APP_CALLBACK,
      code_verifier: verifier,
    }).toString(),
  });
  if (token.status !== 200) return false;
  const idToken = (JSON.parse(token.body) as { id_token?: string }).id_token ?? "";
  const claims = JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as Record<
    string,
    unknown
  >;
  return (
    claims.sub === openid &&
    claims.aud === APP.client_id &&
    claims.nonce === nonce &&
    typeof claims.nickname === "string"
  );
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
