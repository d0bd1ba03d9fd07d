import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoProcess, startDemoProcess } from "../testing/demo-process.js";
import { tempDir } from "../testing/test-server.js";

/**
 * `WXDESK_PORT=0 npm run server -- --sandbox` (any free port, as tests and a busy machine use it): the
 * printed 「试一试 / Try」 link used to read http://127.0.0.1:0/oauth/start — a link to nowhere.
 */

let work: ReturnType<typeof tempDir>;
let demo: DemoProcess;

beforeAll(async () => {
  work = tempDir("wxdesk-demo-any-port-");
  demo = await startDemoProcess({ WXDESK_PORT: "0", WXDESK_DB: join(work.path, "wxdesk.db") });
}, 60_000);

afterAll(async () => {
  await demo?.stop();
  work?.remove();
});

describe("the --sandbox demo on any free port", () => {
  it("prints a try link on the port it listens on, and the link starts a sign-in", async () => {
    const tryLink = /试一试 \/ Try: +(\S+)/.exec(demo.stderr())?.[1];
    expect(tryLink).toBeDefined();
    const link = new URL(tryLink as string);
    expect(link.port).not.toBe("0");
    expect(link.port).toBe(new URL(demo.url).port);
    const start = await fetch(link, { redirect: "manual" });
    expect(start.status).toBe(302);
  });
});
