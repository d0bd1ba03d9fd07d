import { isIP } from "node:net";

export interface ErrmsgDetails {
  rid?: string;
  callerIp?: string;
}

// §10: the errmsg suffix varies — ", rid: 613033ae-4a5a9224-3a2b9999" (newer),
// ", hints: [ req_id: XXXX ]" (older). Both identify the request for WeChat support.
const RID = /\brid:\s*([A-Za-z0-9][A-Za-z0-9-]*)/;
const REQ_ID = /\breq_id:\s*([^\s\]]+)/;
// §6.3: "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: …"
const INVALID_IP = /\binvalid ip\s+([0-9A-Fa-f.:]+)/;
const IPV6 = /\bipv6\s+([0-9A-Fa-f.:]+)/;

function cleanIp(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  const trimmed = candidate.replace(/[.:]+$/, "");
  const unmapped = trimmed.toLowerCase().startsWith("::ffff:") ? trimmed.slice(7) : trimmed;
  if (isIP(unmapped) !== 0) return unmapped;
  return isIP(trimmed) !== 0 ? trimmed : undefined;
}

/** Pulls the request id and (for 40164) the caller IP out of an errmsg; never throws. */
export function parseErrmsgDetails(errmsg: string): ErrmsgDetails {
  const details: ErrmsgDetails = {};
  const rid = RID.exec(errmsg)?.[1] ?? REQ_ID.exec(errmsg)?.[1];
  if (rid !== undefined) details.rid = rid;
  const ip = cleanIp(INVALID_IP.exec(errmsg)?.[1]) ?? cleanIp(IPV6.exec(errmsg)?.[1]);
  if (ip !== undefined) details.callerIp = ip;
  return details;
}

/** The errmsg without the rid/hints suffix, for showing to people. */
export function stripErrmsgSuffix(errmsg: string): string {
  return errmsg.replace(/[\s,]*(\brid:|\bhints:).*$/s, "").trim();
}
