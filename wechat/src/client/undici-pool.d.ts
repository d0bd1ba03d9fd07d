/**
 * The two parts of undici the WeChat client needs, by their own files. undici's index loads all of
 * undici (fetch, WebSocket, cookies, mocks, caches), and its cookies module reads
 * `globalThis.Headers`, which makes Node.js load its own copy of undici as well: about 11 MB
 * resident more than these two files (bench/README.md, "Memory at rest"). Types are undici's own.
 */
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}

declare module "undici/lib/dispatcher/env-http-proxy-agent.js" {
  import { EnvHttpProxyAgent } from "undici";
  export default EnvHttpProxyAgent;
}
