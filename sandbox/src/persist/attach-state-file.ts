import type { FastifyInstance } from "fastify";
import type { SandboxState } from "../state/sandbox-state.js";
import { SandboxStateFile, type StateLoad } from "./state-file.js";
import { applySnapshot, takeSnapshot } from "./state-snapshot.js";

/** What a sandbox with a state file found at start (`StartedSandbox.stateLoad`). */
export type StateLoadOutcome = StateLoad["outcome"];

/**
 * Gives a sandbox a memory: the saved state is put back before the first request, every answered
 * request may have changed something (codes, tokens, menus — a GET too: cgi-bin/token, getticket and
 * the silent authorize page hand things out), so each one schedules a write, and closing writes last.
 */
export async function attachStateFile(
  app: FastifyInstance,
  state: SandboxState,
  path: string,
): Promise<StateLoadOutcome> {
  const file = new SandboxStateFile(path, () => takeSnapshot(state, Date.now()), {
    onError: (error) => app.log.warn({ err: error }, "the sandbox state could not be saved"),
  });
  const load = await file.load();
  if (load.outcome === "restored") applySnapshot(state, load.snapshot);
  app.addHook("onResponse", async () => {
    file.changed();
  });
  app.addHook("onClose", async () => {
    await file.flush();
  });
  return load.outcome;
}
