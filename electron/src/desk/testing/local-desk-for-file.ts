import { afterAll, beforeAll } from "vitest";
import { type LocalDesk, startLocalDesk } from "./local-desk.js";

/**
 * One local desk for a whole test file: started before its first test (the sandbox and the callback
 * server start in-process: up to a minute on a busy machine), then `arrange` (once), closed after its
 * last test. The returned object is filled in by the time a test runs.
 */
export function localDeskForFile(arrange?: (d: LocalDesk) => Promise<void>): LocalDesk {
  const desk = {} as LocalDesk;
  let started: LocalDesk | undefined;
  beforeAll(async () => {
    started = await startLocalDesk();
    Object.assign(desk, started);
    await arrange?.(desk);
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  return desk;
}
