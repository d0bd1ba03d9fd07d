import { z } from "zod";
import { httpLinkSchema, openidSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const sandboxArgs: NamespaceArgs<"sandbox"> = {
  "sandbox.status": z.tuple([]),
  "sandbox.start": z.tuple([]),
  "sandbox.stop": z.tuple([]),
  "sandbox.users": z.tuple([]),
  "sandbox.consentUrl": z.tuple([z.strictObject({ link: httpLinkSchema, openid: openidSchema })]),
  "sandbox.tapMenu": z.tuple([z.strictObject({ openid: openidSchema, key: z.string().min(1).max(128) })]),
};
