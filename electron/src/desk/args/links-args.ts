import { z } from "zod";
import { scopeSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const linksArgs: NamespaceArgs<"links"> = {
  "links.build": z.tuple([z.strictObject({ scope: scopeSchema, next: z.string().min(1).max(2048) })]),
  // A QR code holds at most 2,953 bytes (version 40, level L); a link is far shorter.
  // Long start links are a few hundred characters; the server takes up to 4,096.
  "links.check": z.tuple([z.strictObject({ url: z.string().min(1).max(4096) })]),
  "links.qr": z.tuple([
    z.strictObject({ text: z.string().min(1).max(2000), format: z.enum(["png", "svg"]) }),
  ]),
};
