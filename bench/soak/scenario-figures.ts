import type { Figures } from "../lib/results.js";
import { percentile } from "../lib/task-load.js";
import { COMPLETED, HTTP_500, WRONG_USER } from "./page-cause.js";
import type { ScenarioResult } from "./run-scenario.js";

/** The figures that must be 0 for the soak to pass (exit status 1 otherwise). */
export const MUST_BE_ZERO = ["lost", "http_500", "wrong_user"] as const;

const TOKEN_FETCHES = ["/cgi-bin/token", "/cgi-bin/stable_token"];

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort(([, a], [, b]) => b - a));
}

function sum(calls: Record<string, number>, which: (path: string) => boolean): number {
  return Object.entries(calls).reduce((total, [path, n]) => total + (which(path) ? n : 0), 0);
}

/**
 * A scenario's figures, in bench/results.json's shape: journeys and how they ended, WeChat calls
 * per journey, journey times, and the must-be-0 figures (completed users lost, HTTP 500 answers of
 * any kind — journey, JS-SDK, menu publish, admin check — and landing pages greeting someone else).
 */
export function scenarioFigures(result: ScenarioResult): Figures {
  const { ends, wechatCalls, menuStatuses, lost } = result;
  const attempted = ends.length;
  const causes = countBy(ends, (end) => end.cause);
  const completed = causes.get(COMPLETED) ?? 0;
  const jssdk = countBy(
    ends.filter((end) => end.jssdkStatus !== undefined),
    (end) => String(end.jssdkStatus),
  );
  const menus = countBy(menuStatuses, String);
  const ms = ends.map((end) => end.ms).sort((a, b) => a - b);
  const snsCalls = sum(wechatCalls, (path) => path.startsWith("/sns/"));
  const tokenFetches = sum(wechatCalls, (path) => TOKEN_FETCHES.includes(path));
  const tokenUses = sum(wechatCalls, (path) => path.startsWith("/cgi-bin/") && !TOKEN_FETCHES.includes(path));
  const http500 =
    (causes.get(HTTP_500) ?? 0) + (jssdk.get("500") ?? 0) + (menus.get("500") ?? 0) + lost.http500;

  const figures: Figures = {
    "journeys.attempted": { value: attempted, unit: "journeys" },
    "journeys.completed": { value: completed, unit: "journeys" },
    "journeys.completed_share": { value: attempted ? (100 * completed) / attempted : 0, unit: "%" },
  };
  for (const [cause, n] of causes) {
    if (cause !== COMPLETED) figures[`ended.${cause}`] = { value: n, unit: "journeys" };
  }
  const storeRetries = ends.reduce((n, end) => n + end.storeRetries, 0);
  if (storeRetries > 0)
    figures["retry_taps.store_unavailable"] = { value: storeRetries, unit: "taps on 重试" };
  figures["wechat.sns_calls_per_journey"] = { value: attempted ? snsCalls / attempted : 0, unit: "calls" };
  if (tokenFetches + tokenUses > 0) {
    figures["wechat.token_fetches"] = { value: tokenFetches, unit: "calls" };
    figures["wechat.token_uses"] = { value: tokenUses, unit: "calls (menu, ticket)" };
  }
  for (const [status, n] of jssdk) figures[`jssdk_config.status_${status}`] = { value: n, unit: "requests" };
  for (const [status, n] of menus) figures[`menu_publish.status_${status}`] = { value: n, unit: "publishes" };
  figures["journey_ms.p50"] = { value: percentile(ms, 50), unit: "ms" };
  figures["journey_ms.p99"] = { value: percentile(ms, 99), unit: "ms" };
  figures.lost = { value: lost.missing + lost.unusableToken, unit: "completed users (must be 0)" };
  if (lost.missing > 0) figures["lost.missing"] = { value: lost.missing, unit: "users" };
  if (lost.unusableToken > 0) figures["lost.unusable_token"] = { value: lost.unusableToken, unit: "users" };
  figures.http_500 = { value: http500, unit: "answers (must be 0)" };
  const journey500s = countBy(
    ends.filter((end) => end.cause === HTTP_500),
    (end) => end.at,
  );
  for (const [at, n] of journey500s) figures[`http_500.from ${at}`] = { value: n, unit: "journeys" };
  if (lost.http500 > 0) figures["http_500.from admin checks"] = { value: lost.http500, unit: "answers" };
  figures.wrong_user = { value: causes.get(WRONG_USER) ?? 0, unit: "journeys (must be 0)" };
  return figures;
}

/** The must-be-0 figures that are not 0, as `name = n`. */
export function brokenRules(figures: Figures): string[] {
  return MUST_BE_ZERO.filter((name) => (figures[name]?.value ?? 0) !== 0).map(
    (name) => `${name} = ${figures[name]?.value}`,
  );
}
