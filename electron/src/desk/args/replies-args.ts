import { z } from "zod";
import { replySettingsSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const repliesArgs: NamespaceArgs<"replies"> = {
  "replies.get": z.tuple([]),
  "replies.save": z.tuple([replySettingsSchema]),
};
