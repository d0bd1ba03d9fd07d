import type { DeskError, LinkCheck, LinkVerdict } from "@wxdesk/electron/desk-api";
import { byLevel, type PastedLinkReport } from "./pasted-link-check.js";
import { pastedLinkMessages as words } from "./pasted-link-messages.js";

/** The callback server's answer about one pasted text (links.check), kept with the text it was about. */
export interface ServerVerdict {
  url: string;
  loading: boolean;
  result?: LinkVerdict;
  error?: DeskError;
}

export interface CheckedLink extends PastedLinkReport {
  /** The server is still being asked: nothing is said to be fine yet. */
  pending: boolean;
}

/**
 * Local checks the server makes better for its own links: the same warning (the consent page), or the same
 * fact said from what the server knows (its public URL's port: `redirect_domain`).
 */
const SAID_BY_SERVER: Readonly<Record<string, string>> = {
  userinfo_on_landing: "userinfo_on_landing",
  redirect_port: "redirect_domain",
};

function unchecked(error: DeskError): LinkCheck {
  return {
    code: "server_unchecked",
    level: "warning",
    messageZh: words["zh-CN"].serverUnchecked(error.messageZh),
    message: words.en.serverUnchecked(error.message),
  };
}

/**
 * The local report with what the server said about the same text: its checks (the signature, the target
 * page, the appid), and what it read from the signed part (scope, next). `asked`: the text needed the
 * server (needsServerCheck); an answer for other text than `text` is ignored.
 */
export function withServerVerdict(
  local: PastedLinkReport,
  text: string,
  asked: boolean,
  verdict: ServerVerdict | undefined,
): CheckedLink {
  if (!asked) return { ...local, pending: false };
  if (!verdict || verdict.url !== text || verdict.loading) return { ...local, pending: true };
  if (verdict.error) {
    return { ...local, pending: false, checks: byLevel([...local.checks, unchecked(verdict.error)]) };
  }
  const result = verdict.result;
  if (!result || result.kind === "other") return { ...local, pending: false };
  const serverCodes = new Set(result.checks.map((c) => c.code));
  const kept = local.checks.filter((c) => {
    const said = SAID_BY_SERVER[c.code];
    return said === undefined || !serverCodes.has(said);
  });
  const summary = {
    ...local.summary,
    ...(result.scope ? { scope: result.scope } : {}),
    ...(result.next === undefined ? {} : { next: result.next }),
  };
  return { ...local, pending: false, checks: byLevel([...kept, ...result.checks]), summary };
}
