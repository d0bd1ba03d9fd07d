import type { SeededRandom } from "./random.js";

/** One fault-injection rule, as `PUT /_sandbox/faults` takes it. */
export interface FaultRule {
  /** A WeChat path, e.g. `/sns/oauth2/access_token`; a trailing `*` matches a prefix (`/sns/*`). */
  path: string;
  /** Probability 0..1, decided by the seeded PRNG. */
  rate: number;
  /** Answer this WeChat error body (HTTP 200), e.g. -1 system error. */
  errcode?: number;
  /** Answer with this HTTP status and a non-JSON body. */
  http?: number;
  /** Never answer: hold the request until the client gives up (at most faultHoldMs, then destroy). */
  timeout?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Delay, then serve (or apply the other action). */
  latencyMs?: number;
}

export class FaultTable {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => SeededRandom) {}

  list(): FaultRule[] {
    return this.rules;
  }

  replace(rules: FaultRule[]): void {
    this.rules = rules;
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /** The first rule whose path matches, if its coin flip says it fires this time. */
  decide(path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      const matches = rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
      if (!matches) continue;
      return rule.rate >= 1 || this.random().next() < rule.rate ? rule : undefined;
    }
    return undefined;
  }
}
