import { z } from "zod";
import { openidSchema, scopeSchema, tokenStateSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const usersArgs: NamespaceArgs<"users"> = {
  "users.search": z.tuple([
    z.strictObject({
      q: z.string().max(200).optional(),
      cursor: z.string().max(1024).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      scope: scopeSchema.optional(),
      tokenState: tokenStateSchema.optional(),
    }),
  ]),
  "users.get": z.tuple([openidSchema]),
  "users.check": z.tuple([openidSchema]),
  "users.refresh": z.tuple([openidSchema]),
  "users.repull": z.tuple([openidSchema]),
  "users.exportCsv": z.tuple([z.strictObject({ q: z.string().max(200).optional() })]),
};
