import type { DeskApi, ReplySettings } from "../../desk-api.js";
import { replySettingsSchema } from "../args/common-schemas.js";
import { clientFor, type DeskContext } from "../desk-context.js";

export function repliesMethods(ctx: DeskContext): DeskApi["replies"] {
  return {
    async get(): Promise<ReplySettings> {
      return (await clientFor(ctx)).request({ path: "replies" }, replySettingsSchema);
    },
    /** `replies_invalid` rejects with the broken rules in `details.replyProblems`. */
    async save(replies: ReplySettings): Promise<ReplySettings> {
      return (await clientFor(ctx)).request(
        { method: "PUT", path: "replies", body: replies },
        replySettingsSchema,
      );
    },
  };
}
