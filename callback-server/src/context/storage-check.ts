import { StoreUnavailableError } from "../store/store-errors.js";
import type { StorageReport, Store } from "../store/store-types.js";

/** Plain words for whoever runs the server: what can be lost, and what to change. */
export interface StorageWarning {
  zh: string;
  en: string;
}

export interface StorageStatus extends StorageReport {
  warning?: StorageWarning;
}

/**
 * Redis keeps users, their tokens and the menu history here (docs: AOF with `appendfsync everysec`
 * at least). SQLite (`file`) and AOF need no warning.
 */
const WARNINGS: Partial<Record<StorageReport["persistence"], StorageWarning>> = {
  none: {
    zh: "用户数据可能会丢失：Redis 没有开启持久化，Redis 一重启，所有已授权的用户都会丢失，只能重新授权。请开启 AOF 持久化（appendonly yes、appendfsync everysec），见部署说明。",
    en: "User data can be lost: Redis has no persistence, so a Redis restart loses every authorized user (they must authorize again). Turn on AOF (appendonly yes, appendfsync everysec); see the deployment guide.",
  },
  rdb: {
    zh: "Redis 只保存定时快照（RDB）：Redis 意外停止时，最近一次快照之后授权的用户会丢失。建议开启 AOF 持久化（appendonly yes、appendfsync everysec）。",
    en: "Redis saves periodic snapshots only (RDB): if it stops unexpectedly, users authorized since the last snapshot are lost. Turn on AOF (appendonly yes, appendfsync everysec).",
  },
  unknown: {
    zh: "无法确认 Redis 是否开启了持久化（它不允许 CONFIG 命令，托管的 Redis 常这样）。请在服务商控制台确认已开启 AOF 持久化。",
    en: "Could not tell whether Redis persists its data (it refuses CONFIG, as managed services often do). Check in the provider's console that AOF persistence is on.",
  },
};

/** The store's persistence and, when users could be lost, a warning. Throws when the store does not answer. */
export async function checkStorage(store: Store): Promise<StorageStatus> {
  const report = await store.describeStorage();
  const warning = WARNINGS[report.persistence];
  return warning ? { ...report, warning } : report;
}

/** The slice of a pino logger the start check writes to. */
export interface StartLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
}

/**
 * At start: one log line saying how the store keeps its data — warn level when users could be lost
 * (a Redis without persistence loses every user on its restart, silently otherwise), or when the
 * store does not answer yet.
 */
export async function logStorageAtStart(store: Store, log: StartLog): Promise<StorageStatus | undefined> {
  try {
    const status = await checkStorage(store);
    const storage = { kind: status.kind, persistence: status.persistence };
    if (status.warning) log.warn({ storage, warningZh: status.warning.zh }, status.warning.en);
    else log.info({ storage }, "store persistence checked");
    return status;
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    log.warn(
      { storage: { kind: error.backend, persistence: "unknown" }, reason: error.reason },
      "Could not check the store's persistence: it is not answering",
    );
    return undefined;
  }
}
