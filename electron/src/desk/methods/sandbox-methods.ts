import type { DeskApi, PhoneTapRequest, PhoneTapResult } from "../../desk-api.js";
import { DeskApiError } from "../desk-api-error.js";
import type { DeskContext } from "../desk-context.js";
import { consentUrl } from "../local/consent-url.js";
import { sandboxStopped } from "../local/local-sandbox.js";
import { sandboxUsers, tapMenu } from "../local/sandbox-control.js";

function running(ctx: DeskContext): { sandboxUrl: string; serverUrl: string; appid: string } {
  const { sandboxUrl, serverUrl, appid } = ctx.local;
  if (!sandboxUrl || !serverUrl || !appid) throw sandboxStopped();
  return { sandboxUrl, serverUrl, appid };
}

function unknownTestUser(): DeskApiError {
  return new DeskApiError(
    "unknown_user",
    "The sandbox has no test user with this openid.",
    "沙箱里没有这个 openid 的测试用户。",
  );
}

export function sandboxMethods(ctx: DeskContext): DeskApi["sandbox"] {
  return {
    // With the links a move left behind, so the app can say which ones to publish again.
    status: () => ctx.local.report(),
    start: async () => {
      await ctx.local.start();
      return ctx.local.report();
    },
    stop: () => ctx.local.stop(),
    users: async () => sandboxUsers(running(ctx).sandboxUrl),

    async consentUrl(input: { link: string; openid: string }) {
      const local = running(ctx);
      const users = await sandboxUsers(local.sandboxUrl);
      if (!users.some((u) => u.openid === input.openid)) throw unknownTestUser();
      return { url: consentUrl(input.link, input.openid, local) };
    },

    async tapMenu(request: PhoneTapRequest): Promise<PhoneTapResult> {
      const local = running(ctx);
      return tapMenu(local.sandboxUrl, local.serverUrl, request);
    },
  };
}
