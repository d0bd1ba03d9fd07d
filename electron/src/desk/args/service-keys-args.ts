import { z } from "zod";
import type { NamespaceArgs } from "./method-types.js";

/** The server's own rule (1–64 characters, not blank, no control characters), checked here first. */
const nameSchema = z
  .string()
  .max(64)
  .refine(
    (name) =>
      name.trim() !== "" && ![...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
  );

export const serviceKeysArgs: NamespaceArgs<"serviceKeys"> = {
  "serviceKeys.list": z.tuple([]),
  "serviceKeys.create": z.tuple([nameSchema]),
  "serviceKeys.revoke": z.tuple([z.string().min(1).max(64)]),
};
