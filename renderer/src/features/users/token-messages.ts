import { defineMessages } from "../../i18n/define-messages.js";

/** Authorization kinds and token states in plain words, with the short explanation shown beside them. */
export const tokenMessages = defineMessages(
  {
    scope_snsapi_base: "静默授权",
    scope_snsapi_base_hint: "用户看不到确认页，只知道用户编号",
    scope_snsapi_userinfo: "需用户确认",
    scope_snsapi_userinfo_hint: "用户点「允许」后，还能拿到昵称和头像",
    state_valid: "正常",
    state_valid_hint: "令牌有效，可以直接使用",
    state_expiring: "即将过期",
    state_expiring_hint: "访问令牌 10 分钟内到期，下次用到时会自动续期",
    state_access_expired: "已过期可续期",
    state_access_expired_hint: "访问令牌过期了，但能自动续期，用户不用做什么",
    state_needs_reauth: "需重新授权",
    state_needs_reauth_hint: "30 天的续期期限已过或被撤销，要等用户再点一次授权链接",
    state_undecryptable: "令牌打不开",
    state_undecryptable_hint:
      "服务器用来加密令牌的密钥换了（丢失后重新生成或被改过），这个用户保存的令牌解不开。请服务器管理员恢复原来的密钥；否则要等用户再点一次授权链接",
    expired: "已过期",
    countdownDays: (d: number, h: number) => `${d} 天 ${h} 小时`,
    countdownHours: (h: number, m: number, s: number) => `${h} 小时 ${m} 分 ${s} 秒`,
    countdownMinutes: (m: number, s: number) => `${m} 分 ${s} 秒`,
    countdownSeconds: (s: number) => `${s} 秒`,
  },
  {
    scope_snsapi_base: "Silent",
    scope_snsapi_base_hint: "No consent page; only the user ID is known",
    scope_snsapi_userinfo: "Asks first",
    scope_snsapi_userinfo_hint: "After the user taps Allow, the nickname and avatar too",
    state_valid: "Valid",
    state_valid_hint: "The token works and can be used right away",
    state_expiring: "Expiring soon",
    state_expiring_hint: "The access token ends within 10 minutes; it renews itself the next time it is used",
    state_access_expired: "Expired, renewable",
    state_access_expired_hint:
      "The access token ended but renews automatically; the user need not do anything",
    state_needs_reauth: "Must authorize again",
    state_needs_reauth_hint:
      "The 30-day renewal period is over or was revoked; the user has to open the authorize link again",
    state_undecryptable: "Cannot be read",
    state_undecryptable_hint:
      "The key the server encrypts tokens with has changed (lost and made anew, or replaced), so this user's saved tokens cannot be opened. Ask the server's administrator to restore the old key; otherwise the user has to open the authorize link again",
    expired: "expired",
    countdownDays: (d, h) => `${d} d ${h} h`,
    countdownHours: (h, m, s) => `${h} h ${m} min ${s} s`,
    countdownMinutes: (m, s) => `${m} min ${s} s`,
    countdownSeconds: (s) => `${s} s`,
  },
);
