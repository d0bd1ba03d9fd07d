import { z } from "zod";
import type { NamespaceArgs } from "./method-types.js";

export const activityArgs: NamespaceArgs<"activity"> = {
  "activity.recent": z.tuple([z.number().int().min(1).max(500).optional()]),
  "activity.status": z.tuple([]),
};
