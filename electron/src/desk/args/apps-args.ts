import { z } from "zod";
import { shortNameSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

/** The server's client id rule (1–128 characters). */
const clientIdSchema = z.string().min(1).max(128);

/**
 * Kind and size only: whether the address can be registered (https, or http on this machine; no #)
 * is the server's own rule, which `apps.create` applies before asking, with words of its own.
 */
export const appsArgs: NamespaceArgs<"apps"> = {
  "apps.list": z.tuple([]),
  "apps.create": z.tuple([z.object({ name: shortNameSchema, redirectUri: z.string().max(2048) })]),
  "apps.rotateSecret": z.tuple([clientIdSchema]),
  "apps.remove": z.tuple([clientIdSchema]),
};
