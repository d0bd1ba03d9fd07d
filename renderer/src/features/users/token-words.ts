import type { TokenState } from "@wxdesk/electron/desk-api";
import type { TokenWords } from "./token-countdown.js";
import type { Scope } from "./users-query.js";

export interface Words {
  label: string;
  hint: string;
}

export function scopeWords(t: TokenWords, scope: Scope): Words {
  return { label: t[`scope_${scope}`], hint: t[`scope_${scope}_hint`] };
}

export function stateWords(t: TokenWords, state: TokenState): Words {
  return { label: t[`state_${state}`], hint: t[`state_${state}_hint`] };
}

/** Green when fine, amber when it needs watching, blue when it heals itself, red when a person must act. */
export const STATE_TAG_CLASS: Record<TokenState, string> = {
  valid: "tag tag--accent",
  expiring: "tag tag--warning",
  access_expired: "tag users-tag--info",
  needs_reauth: "tag tag--danger",
  undecryptable: "tag tag--danger",
};
