import type { ActivityEvent, DeskApi } from "../../desk-api.js";
import { recentEventsShape } from "../admin/admin-shapes.js";
import { clientFor, type DeskContext } from "../desk-context.js";

export function activityMethods(ctx: DeskContext): DeskApi["activity"] {
  return {
    /** The newest `limit` stored events of the active profile, oldest first (as the server lists them). */
    async recent(limit = 100): Promise<ActivityEvent[]> {
      const answer = await (await clientFor(ctx)).request(
        { path: "events/recent", query: { limit } },
        recentEventsShape,
      );
      return answer.events;
    },
    status: () => ctx.activity.status(),
    subscribe: (listener) => ctx.activity.subscribe(listener),
  };
}
