import { createContext, runInContext } from "node:vm";
import { rawRequest } from "@wxdesk/sandbox/testing";
import { EventSource as NodeEventSource } from "eventsource";
import type { DeskApi } from "../../desk-api.js";
import { bridgeCookieName } from "../bridge-token.js";
import type { WebBridge } from "../start-web-bridge.js";

/**
 * Runs the real /bridge.js, fetched from a running bridge, in a fresh JS context standing in for the
 * page: relative URLs resolve against the bridge and carry its cookie, as a browser would do.
 */
export async function openBridgePage(
  bridge: WebBridge,
): Promise<{ wxdesk: DeskApi; page: Record<string, unknown> }> {
  const cookie = `${bridgeCookieName(bridge.port)}=${bridge.token}`;
  const withCookie = (init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { ...Object.fromEntries(new Headers(init.headers)), cookie },
  });
  const pageFetch = (input: string | URL, init?: RequestInit) =>
    fetch(new URL(input, bridge.origin), withCookie(init));
  class PageEventSource extends NodeEventSource {
    constructor(url: string | URL) {
      super(new URL(url, bridge.origin), { fetch: (input, init) => fetch(input, withCookie(init)) });
    }
  }

  const script = await rawRequest(bridge.port, { path: "/bridge.js", headers: { cookie } });
  if (script.status !== 200) throw new Error(`GET /bridge.js answered ${script.status}`);
  const page: Record<string, unknown> = {
    fetch: pageFetch,
    EventSource: PageEventSource,
    console,
    setTimeout,
    clearTimeout,
  };
  page.window = page;
  createContext(page);
  runInContext(script.body, page, { filename: "bridge.js" });
  return { wxdesk: page.wxdesk as DeskApi, page };
}
