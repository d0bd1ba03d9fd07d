import { asSealedToken } from "../../crypto/sealed-token.js";
import type { UserRecord } from "../store-types.js";

export const DAY_MS = 86_400_000;
/** 2026-11-20T00:00:00Z: a fixed clock so day buckets are predictable. */
export const T0 = Date.UTC(2026, 10, 20);

/** A stored-shape user; tokens are fake ciphertext, which is all the store ever sees. */
export function makeUser(openid: string, overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    openid,
    scope: "snsapi_userinfo",
    nickname: `用户${openid}`,
    headimgurl: "https://thirdwx.qlogo.cn/mmopen/vi_32/abc/132",
    sex: 0,
    privilege: [],
    lang: "zh_CN",
    firstAuthorizedAt: T0,
    lastAuthorizedAt: T0,
    tokens: {
      accessTokenEnc: asSealedToken(`v1.iv.tag.access-${openid}`),
      refreshTokenEnc: asSealedToken(`v1.iv.tag.refresh-${openid}`),
      accessExpiresAt: T0 + 7_200_000,
      refreshExpiresAt: T0 + 30 * DAY_MS,
      obtainedAt: T0,
    },
    ...overrides,
  };
}
