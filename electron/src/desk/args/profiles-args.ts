import { z } from "zod";
import {
  keySchema,
  profileIdSchema,
  profileNameSchema,
  roleSchema,
  serverUrlSchema,
} from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const profilesArgs: NamespaceArgs<"profiles"> = {
  "profiles.list": z.tuple([]),
  "profiles.add": z.tuple([
    z.strictObject({ name: profileNameSchema, serverUrl: serverUrlSchema, role: roleSchema, key: keySchema }),
  ]),
  "profiles.edit": z.tuple([
    profileIdSchema,
    z
      .strictObject({
        name: profileNameSchema.optional(),
        serverUrl: serverUrlSchema.optional(),
        role: roleSchema.optional(),
        key: keySchema.optional(),
      })
      .refine((patch) => Object.values(patch).some((v) => v !== undefined), { error: "empty_patch" }),
  ]),
  "profiles.remove": z.tuple([profileIdSchema]),
  "profiles.setActive": z.tuple([profileIdSchema]),
  "profiles.testConnection": z.tuple([profileIdSchema]),
  "profiles.clearTokenCache": z.tuple([profileIdSchema]),
};
