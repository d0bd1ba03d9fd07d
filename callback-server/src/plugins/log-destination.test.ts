import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const MODULE = fileURLToPath(new URL("./log-destination.ts", import.meta.url));

/** A process whose pino logger writes through `bufferedStdout()`; `then` runs after one line. */
function child(then: string): { proc: ChildProcess; output: () => string } {
  const script = `
    import pino from "pino";
    import { bufferedStdout } from ${JSON.stringify(MODULE)};
    const log = bufferedStdout();
    const logger = pino({ base: null }, log.stream);
    logger.info({ n: 1 }, "first line");
    ${then}
  `;
  const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let text = "";
  proc.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return { proc, output: () => text };
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.kill("SIGKILL");
});

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
}

describe("buffered stdout log", () => {
  it("shows a lone line while the process runs on, though the buffer is far from full", async () => {
    const { proc, output } = child("setInterval(() => {}, 1000);");
    running.push(proc);
    const deadline = Date.now() + 5000;
    while (!output().includes("first line") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(output()).toContain('"msg":"first line"');
  });

  it("writes what is still buffered when the process exits, a crash included", async () => {
    const ordinary = child(`logger.info("second line"); process.exit(0);`);
    const crash = child(`logger.info("last words"); setImmediate(() => { throw new Error("boom"); });`);
    running.push(ordinary.proc, crash.proc);
    const ends = [exited(ordinary.proc), exited(crash.proc)];
    expect(await ends[0]).toBe(0);
    expect(ordinary.output()).toContain("first line");
    expect(ordinary.output()).toContain("second line");
    expect(await ends[1]).not.toBe(0);
    expect(crash.output()).toContain("last words");
  });

  it("close() writes the buffer at once", async () => {
    const { proc, output } = child(
      `log.close(); process.stdout.write("after-close\\n"); setTimeout(() => process.exit(0), 5000);`,
    );
    running.push(proc);
    const deadline = Date.now() + 4000;
    while (!output().includes("after-close") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    // flushSync ran before the marker was written, so the line precedes it.
    expect(output().indexOf("first line")).toBeGreaterThanOrEqual(0);
    expect(output().indexOf("first line")).toBeLessThan(output().indexOf("after-close"));
  });
});
