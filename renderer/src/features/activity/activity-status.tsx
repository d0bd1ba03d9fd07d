import { useLang, useT } from "../../i18n/use-t.js";
import { activityMessages } from "./activity-messages.js";
import { useActivityStore } from "./activity-store.js";

/** 已连接 / 正在重连（and why）: the stream keeps retrying by itself, so there is no button. */
export function ActivityStatusView() {
  const t = useT(activityMessages);
  const zh = useLang() === "zh-CN";
  const status = useActivityStore((s) => s.status);
  if (!status) {
    return (
      <span className="status-dot status-dot--checking" role="status">
        {t.connecting}
      </span>
    );
  }
  if (status.connected) {
    return (
      <span className="status-dot status-dot--ok" role="status">
        {t.connected}
      </span>
    );
  }
  const why = status.error ? (zh ? status.error.messageZh : status.error.message) : undefined;
  return (
    <span className="status-dot status-dot--failed activity-status--down" role="status">
      {why ? t.reconnecting(why) : t.reconnectingNoReason}
    </span>
  );
}
