import { SANDBOX_DEFAULTS } from "@wxdesk/sandbox";
import type { Agent } from "undici";
import { browserCall, CookieJar } from "./browser-client.js";

export interface Person {
  openid: string;
  nickname: string;
}

/** One journey, prepared untimed: the browser (its cookies) WeChat redirects back, and to where. */
export interface Prepared {
  person: Person;
  jar: CookieJar;
  /** The callback URL with `code` and `state` (for the floor: just the code). */
  callback: string;
  code: string;
}

/** How one side of a run prepares a journey (untimed) and then makes it (timed). */
export interface Journey {
  prepare(person: Person): Promise<Prepared | false>;
  journey(prepared: Prepared): Promise<boolean>;
}

/**
 * A server's journey as a browser makes it. Untimed: the start link (its cookies kept) → WeChat's
 * consent for that state (the sandbox's control API: a fresh code). Timed: the callback → the
 * landing page it redirects to, which must greet the person by nickname.
 */
export function serverJourney(
  agent: Agent,
  serverUrl: string,
  startPath: string,
  sandboxUrl: string,
): Journey {
  return {
    prepare: async (person) => {
      const jar = new CookieJar();
      const start = await browserCall(agent, `${serverUrl}${startPath}`, jar);
      if (start.status !== 302 || !start.location) return false;
      const authorize = new URL(start.location);
      const state = authorize.searchParams.get("state");
      const redirectUri = authorize.searchParams.get("redirect_uri");
      if (!state || !redirectUri) return false;
      const callback = await consent(agent, sandboxUrl, person, redirectUri, state);
      return callback ? { person, jar, callback, code: "" } : false;
    },
    journey: async ({ person, jar, callback }) => {
      const back = await browserCall(agent, callback, jar);
      if (back.status !== 302 || !back.location) return false;
      const landing = await browserCall(agent, new URL(back.location, serverUrl).href, jar);
      return landing.status === 200 && landing.body.includes(`你好，${person.nickname}`);
    },
  };
}

/** WeChat's consent through the sandbox's control API: the redirect WeChat would send, with a fresh code. */
export async function consent(
  agent: Agent,
  sandboxUrl: string,
  person: Person,
  redirectUri: string,
  state: string,
): Promise<string | false> {
  const answer = await browserCall(agent, `${sandboxUrl}/_sandbox/consent`, undefined, {
    method: "POST",
    json: {
      appid: SANDBOX_DEFAULTS.appid,
      redirect_uri: redirectUri,
      scope: "snsapi_userinfo",
      state,
      openid: person.openid,
    },
  });
  if (answer.status !== 200) return false;
  return (JSON.parse(answer.body) as { location: string }).location;
}

/** The sandbox's fixture users a full authorization works for, whose nickname needs no HTML escaping. */
export async function greetablePeople(agent: Agent, sandboxUrl: string): Promise<Person[]> {
  const answer = await browserCall(agent, `${sandboxUrl}/_sandbox/users`);
  const users = JSON.parse(answer.body) as Array<{ openid: string; nickname: string; snapshot: boolean }>;
  const people = users
    .filter((u) => !u.snapshot && u.nickname.length > 0 && !/[&<>"']/.test(u.nickname))
    .map(({ openid, nickname }) => ({ openid, nickname }));
  if (people.length === 0) throw new Error("the sandbox has no fixture user to greet");
  return people;
}

/** wxdesk's start link for a journey that ends greeting the person by nickname. */
export const WXDESK_START = "/oauth/start?scope=snsapi_userinfo";
