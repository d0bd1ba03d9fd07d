/** Test helpers other workspaces' tests use too (`@wxdesk/sandbox/testing`); never imported by app code. */
export { type RawResponse, rawRequest } from "./raw-request.js";
export { readSetCookies, type SetCookie } from "./set-cookies.js";
