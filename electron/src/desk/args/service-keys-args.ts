import { z } from "zod";
import { shortNameSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const serviceKeysArgs: NamespaceArgs<"serviceKeys"> = {
  "serviceKeys.list": z.tuple([]),
  "serviceKeys.create": z.tuple([shortNameSchema]),
  "serviceKeys.revoke": z.tuple([z.string().min(1).max(64)]),
};
