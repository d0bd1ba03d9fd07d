import type { FaultRule } from "@wxdesk/sandbox";

export type Backend = "sqlite" | "redis";

/** Something done to the deployment once, when half of the scenario's journeys have started. */
export type Disruption = "kill-9" | "redis-restart";

export interface Scenario {
  /** `<backend>/<kind>`, e.g. `sqlite/fault-timeout`: what `npm run soak -- <prefix>` selects by. */
  name: string;
  backend: Backend;
  /** The sandbox's fault rules for the whole scenario (sandbox/src/state/faults.ts). */
  faults: FaultRule[];
  disruption?: Disruption;
  /** Menu publishes during the journeys (the landing pages' JS-SDK requests run in every scenario). */
  menuPublishes: number;
  /** One line for the table's title and docs/reliability.md. */
  what: string;
}

const FAULT_RATE = 0.2;

/** Each way a WeChat call can fail, on 20 % of `sns/*` calls (code exchange, userinfo, auth). */
const SNS_FAULTS: { kind: string; rule: Omit<FaultRule, "path" | "rate">; what: string }[] = [
  { kind: "fault-errcode", rule: { errcode: -1 }, what: "-1 系统繁忙 (system busy) answers" },
  { kind: "fault-timeout", rule: { timeout: true }, what: "no answer (the server's 5 s timeout)" },
  { kind: "fault-reset", rule: { reset: true }, what: "connection reset without an answer" },
  { kind: "fault-http500", rule: { http: 500 }, what: "HTTP 500 with an HTML body" },
];

/**
 * The 40001 storm: every call made with the global access_token is refused as "invalid token"
 * while fetching a token succeeds — the sandbox's token-bearing routes, named one by one so that
 * `/cgi-bin/token` and `/cgi-bin/stable_token` stay healthy.
 */
export const STORM_RULES: FaultRule[] = [
  "/cgi-bin/menu/*",
  "/cgi-bin/ticket/*",
  "/cgi-bin/get_current_selfmenu_info",
].map((path) => ({ path, rate: 1, errcode: 40001 }));

function scenariosFor(backend: Backend): Scenario[] {
  const where = backend === "sqlite" ? "one server on SQLite" : "two servers sharing Redis";
  return [
    // First on a fresh deployment: no JS-SDK ticket cached yet, so the landing pages' JS-SDK
    // requests need the global token (a cached ticket would ride the storm out untouched).
    {
      name: `${backend}/storm-40001`,
      backend,
      faults: STORM_RULES,
      menuPublishes: 3,
      what: `${where}; every global-token call answers 40001, token fetches succeed; JS-SDK configs + menu publishes`,
    },
    ...SNS_FAULTS.map(({ kind, rule, what }) => ({
      name: `${backend}/${kind}`,
      backend,
      faults: [{ path: "/sns/*", rate: FAULT_RATE, ...rule }],
      menuPublishes: 0,
      what: `${where}; ${FAULT_RATE * 100} % of sns/* calls: ${what}`,
    })),
    {
      name: `${backend}/kill-9`,
      backend,
      faults: [],
      disruption: "kill-9",
      menuPublishes: 0,
      what: `${where}; kill -9 of ${backend === "sqlite" ? "the" : "one"} server halfway, restarted on its port`,
    },
    ...(backend === "redis"
      ? [
          {
            name: "redis/redis-restart",
            backend,
            faults: [],
            disruption: "redis-restart" as const,
            menuPublishes: 0,
            what: `${where}; Redis stopped halfway and started again on its AOF folder`,
          },
        ]
      : []),
  ];
}

export const SCENARIOS: Scenario[] = [...scenariosFor("sqlite"), ...scenariosFor("redis")];
