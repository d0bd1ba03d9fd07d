/**
 * What the server process's exit status means. The systemd unit (`RestartPreventExitStatus=`),
 * Docker and the exit status table in docs/deploy.md rely on these numbers: 1 means a person must change something
 * first, so restarting cannot help; 3 means the cause may pass on its own (the old process still
 * holds the port, a crash). A Redis that is not up yet is no start failure: the server waits for it (503 meanwhile), so the service manager retries.
 */
export const EXIT_CODES = {
  /** Stopped cleanly on SIGTERM/SIGINT; a command (`--check`, `backup`, `restore`) that did its job. */
  ok: 0,
  /**
   * A bad setting: the configuration, the machine's Node.js (too old for the server), an address
   * this machine cannot listen on, a damaged database, a command's arguments. Fix it, start again.
   */
  badSetting: 1,
  /** `--sandbox` in the built server: the demo needs the source checkout. */
  demoNeedsSource: 2,
  /** Could not start or stopped unexpectedly (port in use, the database not reachable, a crash): retry. */
  failed: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
