import { z } from "zod";
import type { NamespaceArgs } from "./method-types.js";

export const appArgs: NamespaceArgs<"app"> = {
  "app.info": z.tuple([]),
  "app.saveSettings": z.tuple([
    z.strictObject({
      lang: z.enum(["zh-CN", "en"]).optional(),
      theme: z.enum(["system", "light", "dark"]).optional(),
      allowPlaintextKeys: z.boolean().optional(),
    }),
  ]),
};
