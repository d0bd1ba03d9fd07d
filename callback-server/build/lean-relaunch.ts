/**
 * The launcher's second step (dist/server.js): Node.js settings that keep the server's memory
 * small, applied by replacing this process with Node.js started again with them (`execve`: same
 * process id, same open files, so systemd, Docker and `kill` see no difference). Kept free of
 * imports, like the version check: the launcher is built for an old Node.js.
 *
 * Why these (measured with `npm run bench -- memory peers`, docs: bench/README.md):
 * - V8 lets its young generation grow to 2 × 64 MB on a machine with memory to spare and never
 *   gives it back while requests keep coming: after a few thousand sign-ins the server held
 *   260–280 MB, nearly all of it that space. Capped at 2 × 32 MB it stays near 205 MB under
 *   sustained load; 2 × 16 MB held about 20 MB less for 3–6 % more CPU per sign-in, and since the
 *   server gives the space back once it is quiet (src/runtime/), the cap only bounds the peak.
 * - glibc gives every thread that allocates its own arena; two are enough for a server whose
 *   JavaScript runs on one thread: about 7 MB less at rest.
 * - glibc keeps freed memory inside its arenas, and V8's compiler threads free tens of MB there
 *   (the working memory of each compilation) that nothing else reuses. Blocks of 68 KB and more
 *   taken with their own `mmap` go back to the system when freed; against glibc's own threshold
 *   that measured within this VM's noise (0–2 MB at rest, 0–6 MB after a thousand sign-ins).
 *   32 KB gave 4–5 MB more back, but Node.js takes a 64 KB buffer for each read of a socket it
 *   reads in JavaScript (the WeChat calls), and each of those became an `mmap` and `munmap`: 4–7 %
 *   more CPU per sign-in.
 *
 * An operator's own choice wins: `--max-semi-space-size` on the command line or in NODE_OPTIONS,
 * each MALLOC_ variable in the environment. WXDESK_NODE_TUNING=off runs Node.js as started.
 */

export const SEMI_SPACE_FLAG = "--max-semi-space-size";
/** MB per semi-space (the young generation is two of them). */
export const SEMI_SPACE_MB = 32;
/** glibc's settings, each set unless the environment has it already. */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: "69632",
};
/** Set on the relaunched process: its children (cluster workers) and itself never relaunch again. */
export const RELAUNCHED = "WXDESK_NODE_RELAUNCHED";

export interface LaunchState {
  execPath: string;
  /** `process.argv`: node, the script, then the server's own arguments. */
  argv: readonly string[];
  execArgv: readonly string[];
  env: Record<string, string | undefined>;
  platform: string;
  /** `process.execve` exists (Node.js 22.15 / 23.11 and later, not on Windows). */
  canExecve: boolean;
}

export interface Relaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
}

/** What to `execve` into, or undefined to go on as started. */
export function leanRelaunch(state: LaunchState): Relaunch | undefined {
  const { env } = state;
  if (!state.canExecve || state.platform === "win32") return undefined;
  if (env[RELAUNCHED] === "1" || env.WXDESK_NODE_TUNING === "off") return undefined;
  const semiSpaceChosen =
    state.execArgv.some((arg) => arg.startsWith(SEMI_SPACE_FLAG)) ||
    (env.NODE_OPTIONS ?? "").includes(SEMI_SPACE_FLAG);
  const mallocToSet = Object.entries(MALLOC_SETTINGS).filter(([name]) => (env[name] ?? "") === "");
  if (semiSpaceChosen && mallocToSet.length === 0) return undefined;
  const nextEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) nextEnv[name] = value;
  for (const [name, value] of mallocToSet) nextEnv[name] = value;
  nextEnv[RELAUNCHED] = "1";
  const flags = semiSpaceChosen ? [] : [`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`];
  return {
    file: state.execPath,
    args: [state.execPath, ...flags, ...state.execArgv, ...state.argv.slice(1)],
    env: nextEnv,
  };
}
