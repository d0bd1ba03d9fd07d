import { z } from "zod";
import { scopeSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const linksArgs: NamespaceArgs<"links"> = {
  "links.build": z.tuple([z.strictObject({ scope: scopeSchema, next: z.string().min(1).max(2048) })]),
  // A QR code holds at most 2,953 bytes (version 40, level L); a link is far shorter.
  "links.qr": z.tuple([
    z.strictObject({ text: z.string().min(1).max(2000), format: z.enum(["png", "svg"]) }),
  ]),
};
