import { buildAuthorizeUrl, type OAuthScope } from "@wxdesk/wechat";
import type { AppContext } from "../../app-context.js";
import { bindingHash, newStateNonce, STATE_TTL_MS, saveState } from "../../session/oauth-state.js";

export interface NewFlow {
  scope: OAuthScope;
  /** Already checked by `safeNext`. */
  next: string;
  /** The browser's binding cookie value (set on the same answer). */
  binding: string;
  /** 0 when a person started the flow; the restart count otherwise. */
  attempt: number;
}

/** A fresh state nonce bound to the browser, stored; answers WeChat's authorize URL for it (§1.1). */
export async function beginAuthorization(ctx: AppContext, flow: NewFlow): Promise<string> {
  const { config } = ctx;
  const nonce = newStateNonce();
  await saveState(ctx.store, nonce, {
    scope: flow.scope,
    next: flow.next,
    browser: bindingHash(flow.binding),
    exp: ctx.clock.now() + STATE_TTL_MS,
    attempt: flow.attempt,
  });
  return buildAuthorizeUrl({
    appid: config.appid,
    redirectUri: `${config.publicUrl}/oauth/callback`,
    scope: flow.scope,
    state: nonce,
    openBase: config.openBase,
  });
}
