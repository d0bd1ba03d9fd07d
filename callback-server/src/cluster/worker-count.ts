import { availableParallelism } from "node:os";

/** Written in as `true` by the deployable build (callback-server/build), absent from source. */
declare const __WXDESK_DEPLOYABLE__: boolean | undefined;

/** Whether this is the deployable bundle (`dist/server.js`) rather than `npm run server` from source. */
export function isDeployableBuild(): boolean {
  return typeof __WXDESK_DEPLOYABLE__ === "boolean" && __WXDESK_DEPLOYABLE__;
}

/**
 * How many processes serve requests: WXDESK_WORKERS when set; otherwise every CPU in the
 * deployable server and one in development, where a debugger, `tsx watch` and readable logs
 * matter more than throughput. The sandbox demo is always one process: its sandbox lives in memory.
 */
export function workerCount(
  setting: number | undefined,
  options: { demo: boolean; deployable: boolean },
): number {
  if (options.demo) return 1;
  if (setting !== undefined) return setting;
  return options.deployable ? availableParallelism() : 1;
}
