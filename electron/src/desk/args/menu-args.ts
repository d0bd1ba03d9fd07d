import { z } from "zod";
import { matchRuleSchema, menuButtonSchema, menuSchema } from "./common-schemas.js";
import type { NamespaceArgs } from "./method-types.js";

export const menuArgs: NamespaceArgs<"menu"> = {
  "menu.live": z.tuple([]),
  "menu.loadDraft": z.tuple([]),
  "menu.saveDraft": z.tuple([menuSchema]),
  "menu.validate": z.tuple([menuSchema]),
  "menu.diff": z.tuple([menuSchema, menuSchema.nullable()]),
  "menu.publish": z.tuple([menuSchema]),
  "menu.remove": z.tuple([]),
  "menu.history": z.tuple([z.number().int().min(1).max(100).optional()]),
  "menu.rollback": z.tuple([z.number().int().positive()]),
  "menu.addConditional": z.tuple([
    z.strictObject({ button: z.array(menuButtonSchema).max(50), matchrule: matchRuleSchema }),
  ]),
  "menu.deleteConditional": z.tuple([z.string().regex(/^\d{1,20}$/)]),
  // §7.6: trymatch takes an openid or a WeChat ID (letters, digits, - and _).
  "menu.tryMatch": z.tuple([z.string().regex(/^[A-Za-z0-9_-]{1,128}$/)]),
};
