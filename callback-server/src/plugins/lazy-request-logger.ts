import type { FastifyBaseLogger, FastifyServerOptions } from "fastify";

type ChildLoggerFactory = NonNullable<FastifyServerOptions["childLoggerFactory"]>;
type Bindings = Parameters<FastifyBaseLogger["child"]>[0];
type ChildOptions = Parameters<FastifyBaseLogger["child"]>[1];
type Log = (...args: unknown[]) => void;
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
type Level = (typeof LEVELS)[number];

/**
 * A request's logger whose pino child is made the first time the request logs, with the same
 * bindings and options, so what it writes is unchanged. A class, not an object of closures: it is
 * made for every request, and its methods are shared.
 */
class LazyChildLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  readonly #options: ChildOptions;
  #child: FastifyBaseLogger | undefined;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, options: ChildOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  #real(): FastifyBaseLogger {
    const child = this.#child ?? this.#parent.child(this.#bindings, this.#options);
    this.#child = child;
    return child;
  }

  /** What each level method does (they are set on the prototype below). */
  logAt(method: Level, args: unknown[]): void {
    const child = this.#real();
    (child[method] as Log).apply(child, args);
  }

  get level(): string {
    return this.#child ? this.#child.level : (this.#options?.level ?? this.#parent.level);
  }

  set level(level: string) {
    this.#real().level = level;
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

// fatal … silent, each the same step: shared by every request's logger.
for (const level of LEVELS) {
  Object.defineProperty(LazyChildLogger.prototype, level, {
    value(this: LazyChildLogger, ...args: unknown[]) {
      this.logAt(level, args);
    },
  });
}

/**
 * Fastify gives every request a child logger (its id on every line). Most requests never log
 * anything of their own — their one line is the request log's, which names the id itself
 * (request-log.ts) — while a pino child costs an object and its bindings serialized through the
 * redact paths: about 3 KB and a few microseconds per request.
 */
export const lazyRequestLogger: ChildLoggerFactory = (logger, bindings, options) =>
  new LazyChildLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
