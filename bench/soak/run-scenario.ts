import { sandboxCalls, setFaults } from "../lib/sandbox-child.js";
import { runTasks } from "../lib/task-load.js";
import type { Deployment } from "./deployment.js";
import { type JourneyEnd, runJourney, type SoakUser } from "./journey.js";
import { publishMenu } from "./menu-publish.js";
import { COMPLETED } from "./page-cause.js";
import type { Scenario } from "./scenarios.js";
import { findLostUsers, type LostUsers } from "./verify-users.js";

export interface ScenarioSettings {
  journeys: number;
  concurrency: number;
  /** No journey starts after this long (the ones in flight finish). */
  seconds: number;
  requestTimeoutMs: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  ends: JourneyEnd[];
  /** WeChat calls the sandbox served during the journeys, by path (verification not included). */
  wechatCalls: Record<string, number>;
  /** Status of each menu publish (0 = no answer). */
  menuStatuses: number[];
  lost: LostUsers;
  seconds: number;
}

/**
 * One scenario on a running deployment: a fresh sandbox user per journey, the scenario's faults,
 * `journeys` journeys `concurrency` at a time, the disruption when half have started, then —
 * faults cleared and every instance ready — each completed journey's user checked.
 */
export async function runScenario(
  scenario: Scenario,
  deployment: Deployment,
  sandboxUrl: string,
  settings: ScenarioSettings,
): Promise<ScenarioResult> {
  await setFaults(sandboxUrl, []);
  const users = await makeUsers(sandboxUrl, scenario.name, settings.journeys);
  const ends: JourneyEnd[] = [];
  const sideWork: Promise<unknown>[] = [];
  const menuStatuses: number[] = [];
  const half = Math.floor(settings.journeys / 2);
  const publishAt = new Set(
    Array.from({ length: scenario.menuPublishes }, (_, k) =>
      Math.floor((settings.journeys * (k + 1)) / (scenario.menuPublishes + 1)),
    ),
  );

  const before = await sandboxCalls(sandboxUrl);
  await setFaults(sandboxUrl, scenario.faults);
  const run = await runTasks({
    concurrency: settings.concurrency,
    count: settings.journeys,
    seconds: settings.seconds,
    task: async (index) => {
      if (index === half && scenario.disruption) sideWork.push(disrupt(deployment, scenario));
      if (publishAt.has(index)) {
        sideWork.push(
          publishMenu(deployment.site, deployment.keys.adminKey, index).then((s) => menuStatuses.push(s)),
        );
      }
      const end = await runJourney({
        site: deployment.site,
        sandboxUrl,
        user: users[index] as SoakUser,
        requestTimeoutMs: settings.requestTimeoutMs,
      });
      ends.push(end);
      return end.cause;
    },
  });
  await Promise.all(sideWork);
  await setFaults(sandboxUrl, []);
  const after = await sandboxCalls(sandboxUrl);

  await deployment.ready();
  const completed = ends.filter((end) => end.cause === COMPLETED).map((end) => end.user);
  const lost = await findLostUsers(deployment.site, deployment.keys.supportKey, completed);
  return {
    scenario,
    ends,
    wechatCalls: callsBetween(before, after),
    menuStatuses,
    lost,
    seconds: run.seconds,
  };
}

function disrupt(deployment: Deployment, scenario: Scenario): Promise<void> {
  return scenario.disruption === "kill-9" ? deployment.killAndRestart() : deployment.restartRedis();
}

/** One new sandbox user per journey (untimed), so every completed journey is one user to find again. */
async function makeUsers(sandboxUrl: string, scenarioName: string, count: number): Promise<SoakUser[]> {
  const tag = scenarioName.replace(/[^a-z0-9]/g, "");
  const users: SoakUser[] = [];
  const made = await runTasks({
    concurrency: 8,
    count,
    task: async (index) => {
      const response = await fetch(`${sandboxUrl}/_sandbox/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: `${tag}-${index}`.slice(0, 32), nickname: `旅客${index}号` }),
      });
      if (!response.ok) return false;
      users[index] = (await response.json()) as SoakUser;
      return "made";
    },
  });
  if (made.failures > 0) throw new Error(`the sandbox refused ${made.failures} of ${count} soak users`);
  return users;
}

function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const [path, n] of Object.entries(after)) {
    const delta = n - (before[path] ?? 0);
    if (delta > 0) calls[path] = delta;
  }
  return calls;
}
