import { runTasks } from "../lib/task-load.js";
import type { SoakUser } from "./journey.js";
import type { Site } from "./site.js";

/** Completed journeys whose user is not there as they left it, by what is wrong. */
export interface LostUsers {
  /** `GET /admin/api/users/:openid` does not know the user, shows another nickname, or does not answer. */
  missing: number;
  /** The user is there, but `POST …/check` (sns/auth with the stored token) does not say ok. */
  unusableToken: number;
  /** Admin answers with status 500 while checking (counted with the scenario's 500s too). */
  http500: number;
}

const CONCURRENCY = 4;

/**
 * After the scenario (faults cleared, every instance ready): each completed journey's user, asked
 * through the admin API with the support key, must still be stored with a token WeChat accepts.
 */
export async function findLostUsers(site: Site, supportKey: string, users: SoakUser[]): Promise<LostUsers> {
  const lost: LostUsers = { missing: 0, unusableToken: 0, http500: 0 };
  const headers = { authorization: `Bearer ${supportKey}` };
  await runTasks({
    concurrency: CONCURRENCY,
    count: users.length,
    task: async (index) => {
      try {
        return await verifyOne(users[index] as SoakUser);
      } catch {
        // No answer: the user cannot be shown to be there, which is what counts.
        lost.missing++;
        return "missing";
      }
    },
  });
  return lost;

  async function verifyOne({ openid, nickname }: SoakUser): Promise<string> {
    const path = `/admin/api/users/${encodeURIComponent(openid)}`;
    const detail = await fetch(site.route(site.url(path)), { headers });
    const user = (await detail.json().catch(() => ({}))) as { nickname?: string };
    if (detail.status === 500) lost.http500++;
    if (detail.status !== 200 || user.nickname !== nickname) {
      lost.missing++;
      return "missing";
    }
    const check = await fetch(site.route(site.url(`${path}/check`)), { method: "POST", headers });
    const outcome = (await check.json().catch(() => ({}))) as { ok?: boolean };
    if (check.status === 500) lost.http500++;
    if (check.status !== 200 || outcome.ok !== true) {
      lost.unusableToken++;
      return "unusable";
    }
    return "ok";
  }
}
