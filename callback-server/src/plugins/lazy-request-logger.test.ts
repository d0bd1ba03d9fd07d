import Fastify from "fastify";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { lazyRequestLogger } from "./lazy-request-logger.js";

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  x?: number;
}

const apps: Array<ReturnType<typeof Fastify>> = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

function appWithLog() {
  const lines: Line[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line) as Line) });
  let children = 0;
  const child = logger.child.bind(logger);
  logger.child = ((...args: Parameters<typeof child>) => {
    children += 1;
    return child(...args);
  }) as typeof logger.child;
  const app = Fastify({
    loggerInstance: logger,
    childLoggerFactory: lazyRequestLogger,
    disableRequestLogging: true,
  });
  apps.push(app);
  app.get("/quiet", async () => "ok");
  app.get("/loud", async (request) => {
    request.log.warn({ x: 1 }, "hello");
    request.log.debug("below the level");
    return "ok";
  });
  app.get("/errors-only", { logLevel: "error" }, async (request) => {
    request.log.warn("dropped by the route's level");
    request.log.error({ x: 2 }, "kept");
    return "ok";
  });
  return { app, lines, children: () => children };
}

describe("lazyRequestLogger", () => {
  it("makes no child logger for a request that logs nothing", async () => {
    const { app, children } = appWithLog();
    await app.ready();
    const before = children();
    for (let i = 0; i < 3; i++) expect((await app.inject("/quiet")).statusCode).toBe(200);
    expect(children() - before).toBe(0);
  });

  it("writes what a request logs with its id, at the logger's and the route's level, one child per request", async () => {
    const { app, lines, children } = appWithLog();
    await app.ready();
    const before = children();
    await app.inject("/loud");
    await app.inject("/errors-only");
    expect(lines.map(({ level, msg, x }) => ({ level, msg, x }))).toEqual([
      { level: 40, msg: "hello", x: 1 },
      { level: 50, msg: "kept", x: 2 },
    ]);
    expect(lines[0]?.reqId).toMatch(/^req-/);
    expect(lines[1]?.reqId).toMatch(/^req-/);
    expect(lines[0]?.reqId).not.toBe(lines[1]?.reqId);
    expect(children() - before).toBe(2);
  });
});
