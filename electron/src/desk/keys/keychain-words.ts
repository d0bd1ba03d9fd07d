import { DeskApiError } from "../desk-api-error.js";

export interface KeychainReason {
  reason: string;
  reasonZh: string;
  /** What libsecret / D-Bus said, for whoever debugs it (shown behind 详情); it names services, never a key. */
  technical?: string;
}

/** Why the keychain failed, in words; the system's own text apart, in `technical`. */
export function keychainReason(error: unknown): KeychainReason {
  const raw = error instanceof Error ? error.message : String(error);
  const technical = raw.replace(/\s+/g, " ").slice(0, 200);
  if (/timed out|did not answer/i.test(raw)) {
    return {
      reason: "The system keychain did not answer in time.",
      reasonZh: "系统钥匙串没有及时响应。",
      technical,
    };
  }
  if (/locked/i.test(raw)) {
    return {
      reason: "The system keychain is locked; unlock it (log in to the desktop) and try again.",
      reasonZh: "系统钥匙串已锁定，请先解锁（登录桌面）后再试。",
      technical,
    };
  }
  if (/cannot find module|\.node|shared object|dlopen|module did not self-register/i.test(raw)) {
    return {
      reason: "The keychain component of the app could not be loaded.",
      reasonZh: "无法加载应用的钥匙串组件。",
      technical,
    };
  }
  if (/d-?bus|secret ?service|org\.freedesktop\.secrets|not provided by any|ServiceUnknown|X11/i.test(raw)) {
    return {
      reason:
        "No system keychain is running (the app needs a Secret Service such as GNOME Keyring or KWallet).",
      reasonZh: "系统钥匙串服务没有运行（需要 GNOME 钥匙串、KWallet 等 Secret Service）。",
      technical,
    };
  }
  return {
    reason: "The system keychain refused the request.",
    reasonZh: "系统钥匙串拒绝了请求。",
    technical,
  };
}

/** `keychain_unavailable`: the key was not saved anywhere. */
export function keychainUnavailable(reason: KeychainReason): DeskApiError {
  return new DeskApiError(
    "keychain_unavailable",
    `The key could not be saved: ${reason.reason} You can allow keeping keys in a file readable only by you (Settings), or fix the keychain and try again.`,
    `密钥未保存：${reason.reasonZh}可以在「设置」中允许把密钥保存在仅你可读的文件里，或修好系统钥匙串后重试。`,
  );
}
