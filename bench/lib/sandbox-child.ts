import type http from "node:http";
import { type FaultRule, SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import { type ChildServer, freePort, startChildServer } from "./child-server.js";
import { postJson } from "./keep-alive.js";

/** The WeChat sandbox in a process of its own (one core), seeded so runs see the same users. */
export async function startSandboxChild(): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    entry: "sandbox/src/main.ts",
    env: { SANDBOX_PORT: String(port), SANDBOX_SEED: "bench" },
    readyPath: "/_sandbox/users",
    port,
  });
}

/** `PUT /_sandbox/faults` (sandbox/src/state/faults.ts): `[]` clears them. */
export async function setFaults(sandboxUrl: string, rules: FaultRule[]): Promise<void> {
  const response = await fetch(`${sandboxUrl}/_sandbox/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rules),
  });
  if (!response.ok)
    throw new Error(`PUT /_sandbox/faults answered ${response.status}: ${await response.text()}`);
}

/** The sandbox's WeChat call counters since its start (`GET /_sandbox/stats`). */
export async function sandboxCalls(sandboxUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${sandboxUrl}/_sandbox/stats`);
  return ((await response.json()) as { calls: Record<string, number> }).calls;
}

/** Openids of the fixture users a full authorization works for (snapshot users get virtual accounts). */
export async function realUserOpenids(sandboxUrl: string): Promise<string[]> {
  const response = await fetch(`${sandboxUrl}/_sandbox/users`);
  const users = (await response.json()) as Array<{ openid: string; snapshot: boolean }>;
  const openids = users.filter((u) => !u.snapshot).map((u) => u.openid);
  if (openids.length === 0) throw new Error("the sandbox has no non-snapshot fixture users");
  return openids;
}

/** WeChat's consent through the control API: the redirect WeChat would send, with a fresh `code`. */
export async function consentLocation(
  agent: http.Agent,
  sandboxUrl: string,
  p: { redirectUri: string; scope: string; state: string; openid: string },
): Promise<URL> {
  const { location } = await postJson<{ location: string }>(agent, `${sandboxUrl}/_sandbox/consent`, {
    appid: SANDBOX_DEFAULTS.appid,
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: p.state,
    openid: p.openid,
  });
  return new URL(location);
}
