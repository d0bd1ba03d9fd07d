import { freePort, startChildServer } from "../lib/child-server.js";
import { runLoad } from "../lib/load.js";
import type { Figures } from "../lib/results.js";

const APPID = "wx00000000000000a1";
const SECRET = "0123456789abcdef0123456789abcdef";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

/**
 * The sandbox's throughput on the two calls every authorization makes, at concurrency 64, with
 * the sandbox alone in its own process (one core) and autocannon in this one.
 */
export async function sandboxThroughput(): Promise<Figures> {
  const port = await freePort();
  const sandbox = await startChildServer({
    entry: "sandbox/src/main.ts",
    env: { SANDBOX_PORT: String(port), SANDBOX_SEED: "bench" },
    readyPath: "/_sandbox/users",
    port,
  });
  try {
    const users = (await (await fetch(`${sandbox.url}/_sandbox/users`)).json()) as Array<{
      openid: string;
      snapshot?: boolean;
    }>;
    const user = users.find((u) => !u.snapshot) ?? users[0];
    if (!user) throw new Error("sandbox has no fixture users");

    // 1. Codes: each exchange needs a fresh single-use code, so mint them first through the
    //    control API (itself a measured figure: it is what tests and demos lean on).
    const codes: string[] = [];
    const consent = await runLoad({
      url: `${sandbox.url}/_sandbox/consent`,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            appid: APPID,
            redirect_uri: "http://127.0.0.1/cb",
            scope: "snsapi_userinfo",
            state: "bench",
            openid: user.openid,
          }),
          onResponse: (_status, body) => {
            const location = (JSON.parse(body) as { location: string }).location;
            const code = new URL(location).searchParams.get("code");
            if (code) codes.push(code);
          },
        },
      ],
    });
    if (consent.failures > 0) throw new Error(`consent: ${consent.failures} failed requests`);

    // 2. code → access_token, every request a different code, as in real traffic.
    let next = 0;
    let businessErrors = 0;
    const exchange = await runLoad({
      url: sandbox.url,
      amount: codes.length,
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            path: `/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${codes[next++]}&grant_type=authorization_code`,
          }),
          onResponse: (_status, body) => {
            if (body.includes('"errcode"')) businessErrors++;
          },
        },
      ],
    });
    if (exchange.failures > 0 || businessErrors > 0) {
      throw new Error(`access_token: ${exchange.failures} failed requests, ${businessErrors} WeChat errors`);
    }

    // 3. userinfo with one valid token.
    const tokenRes = await fetch(
      `${sandbox.url}/_sandbox/consent`,
      jsonPost({ appid: APPID, redirect_uri: "http://127.0.0.1/cb", scope: "snsapi_userinfo", state: "b" }),
    );
    const code = new URL(((await tokenRes.json()) as { location: string }).location).searchParams.get("code");
    const token = (await (
      await fetch(
        `${sandbox.url}/sns/oauth2/access_token?appid=${APPID}&secret=${SECRET}&code=${code}&grant_type=authorization_code`,
      )
    ).json()) as { access_token: string; openid: string };
    let userinfoErrors = 0;
    const userinfo = await runLoad({
      url: `${sandbox.url}/sns/userinfo?access_token=${token.access_token}&openid=${token.openid}&lang=zh_CN`,
      duration: SECONDS,
      requests: [
        {
          onResponse: (_status, body) => {
            if (body.includes('"errcode"')) userinfoErrors++;
          },
        },
      ],
    });
    if (userinfo.failures > 0 || userinfoErrors > 0) {
      throw new Error(`userinfo: ${userinfo.failures} failed requests, ${userinfoErrors} WeChat errors`);
    }

    const target = 5000;
    return {
      "sandbox.consent.rps": { value: round(consent.requestsPerSecond), unit: "req/s" },
      "sandbox.access_token.rps": { value: round(exchange.requestsPerSecond), unit: "req/s" },
      "sandbox.access_token.p50": { value: exchange.p50Ms, unit: "ms" },
      "sandbox.access_token.p99": { value: exchange.p99Ms, unit: "ms" },
      "sandbox.access_token.vs_target": {
        value: ratio(exchange.requestsPerSecond, target),
        unit: "× 5,000 req/s",
      },
      "sandbox.userinfo.rps": { value: round(userinfo.requestsPerSecond), unit: "req/s" },
      "sandbox.userinfo.p50": { value: userinfo.p50Ms, unit: "ms" },
      "sandbox.userinfo.p99": { value: userinfo.p99Ms, unit: "ms" },
      "sandbox.userinfo.vs_target": {
        value: ratio(userinfo.requestsPerSecond, target),
        unit: "× 5,000 req/s",
      },
    };
  } finally {
    await sandbox.stop();
  }
}

function jsonPost(body: unknown): RequestInit {
  return { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
const round = (n: number): number => Math.round(n);
const ratio = (n: number, target: number): number => Math.round((n / target) * 100) / 100;
