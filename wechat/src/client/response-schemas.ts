import { z } from "zod";
import { MENU_BUTTON_TYPES, type MenuButton, type MenuGetResult, type SelfMenuInfo } from "../menu/index.js";
import type { AccessToken, SnsToken, SnsUserInfo, Ticket } from "./client-types.js";

// Wire bodies are WeChat's snake_case; every schema maps to the camelCase API types and never
// leaves `undefined` values behind (optional fields are simply absent).

const nonEmpty = z.string().min(1);
/** WeChat sends numbers, but some fixtures carry numeric strings (§4 `sex`); accept both. */
const wireInt = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const snsTokenSchema: z.ZodType<SnsToken> = z
  .object({
    access_token: nonEmpty,
    expires_in: wireInt,
    refresh_token: nonEmpty,
    openid: nonEmpty,
    scope: z.string(),
    is_snapshotuser: wireInt.optional(),
    unionid: z.string().optional(),
  })
  .transform((w) => {
    const token: SnsToken = {
      accessToken: w.access_token,
      expiresIn: w.expires_in,
      refreshToken: w.refresh_token,
      openid: w.openid,
      scope: w.scope,
      // §2: only present (value 1) for snapshot-mode virtual accounts.
      isSnapshotUser: w.is_snapshotuser === 1,
    };
    if (w.unionid) token.unionid = w.unionid;
    return token;
  });

export const snsUserInfoSchema: z.ZodType<SnsUserInfo> = z
  .object({
    openid: nonEmpty,
    nickname: z.string(),
    sex: wireInt,
    // §4: blanked since 2021-10-20 — tolerate them missing rather than failing the whole profile.
    province: z.string().default(""),
    city: z.string().default(""),
    country: z.string().default(""),
    headimgurl: z.string().default(""),
    privilege: z.array(z.string()).default([]),
    unionid: z.string().optional(),
  })
  .transform((w) => {
    const { unionid, ...rest } = w;
    const info: SnsUserInfo = { ...rest };
    if (unionid) info.unionid = unionid;
    return info;
  });

export const accessTokenSchema: z.ZodType<AccessToken> = z
  .object({ access_token: nonEmpty, expires_in: wireInt })
  .transform((w) => ({ accessToken: w.access_token, expiresIn: w.expires_in }));

export const ticketSchema: z.ZodType<Ticket> = z
  .object({ ticket: nonEmpty, expires_in: wireInt })
  .transform((w) => ({ ticket: w.ticket, expiresIn: w.expires_in }));

/** §5: sns/auth's success is the body `{"errcode":0,…}` itself, so require it explicitly. */
export const authOkSchema = z
  .object({ errcode: z.union([z.literal(0), z.literal("0")]) })
  .transform(() => undefined);

/** §7 write ops answer `{"errcode":0,"errmsg":"ok"}` (wechatpy fixture: errmsg ""). */
export const actionOkSchema = z.object({}).transform(() => undefined);

export const menuButtonSchema: z.ZodType<MenuButton> = z.lazy(() =>
  z.object({
    type: z.enum(MENU_BUTTON_TYPES).optional(),
    name: z.string(),
    key: z.string().optional(),
    url: z.string().optional(),
    media_id: z.string().optional(),
    article_id: z.string().optional(),
    appid: z.string().optional(),
    pagepath: z.string().optional(),
    sub_button: z.array(menuButtonSchema).optional(),
  }),
);

/** §7.3: menuid is a number in menu/get but a string from addconditional; accept both. */
const menuIdNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

export const menuGetSchema: z.ZodType<MenuGetResult> = z.object({
  menu: z.object({ button: z.array(menuButtonSchema), menuid: menuIdNumber.optional() }),
  conditionalmenu: z
    .array(
      z.object({
        button: z.array(menuButtonSchema),
        matchrule: z.record(z.string(), z.unknown()),
        menuid: menuIdNumber,
      }),
    )
    .optional(),
});

export const addConditionalSchema = z
  .object({ menuid: z.union([nonEmpty, z.number().int()]) })
  .transform((w) => ({ menuid: String(w.menuid) }));

export const tryMatchSchema = z.object({ button: z.array(menuButtonSchema) });

/** §7.4: a different, console-dependent shape; kept loose on purpose (buttons are `unknown`). */
export const selfMenuInfoSchema: z.ZodType<SelfMenuInfo> = z.object({
  is_menu_open: z
    .union([z.literal(0), z.literal(1), z.literal("0"), z.literal("1")])
    .transform((v): 0 | 1 => (Number(v) === 1 ? 1 : 0)),
  selfmenu_info: z.object({ button: z.array(z.unknown()) }).optional(),
});
