import { describe, expect, it } from "vitest";
import {
  type LaunchState,
  leanRelaunch,
  MALLOC_SETTINGS,
  RELAUNCHED,
  SEMI_SPACE_MB,
} from "./lean-relaunch.js";

const started: LaunchState = {
  execPath: "/usr/bin/node",
  argv: ["/usr/bin/node", "/srv/wxdesk/server.js", "backup", "/tmp/b.db"],
  execArgv: ["--import", "./hook.mjs"],
  env: { PATH: "/usr/bin", WXDESK_APPID: "wx1", UNSET: undefined },
  platform: "linux",
  canExecve: true,
};

describe("leanRelaunch", () => {
  it("starts Node.js again with the young generation capped and glibc's malloc set, everything else kept", () => {
    expect(leanRelaunch(started)).toEqual({
      file: "/usr/bin/node",
      args: [
        "/usr/bin/node",
        `--max-semi-space-size=${SEMI_SPACE_MB}`,
        "--import",
        "./hook.mjs",
        "/srv/wxdesk/server.js",
        "backup",
        "/tmp/b.db",
      ],
      env: {
        PATH: "/usr/bin",
        WXDESK_APPID: "wx1",
        MALLOC_ARENA_MAX: "2",
        MALLOC_MMAP_THRESHOLD_: "69632",
        [RELAUNCHED]: "1",
      },
    });
  });

  it("keeps the operator's own choices: a semi-space size on the command line or in NODE_OPTIONS, each MALLOC_ variable", () => {
    const ownFlag = leanRelaunch({ ...started, execArgv: ["--max-semi-space-size=64"] });
    expect(ownFlag?.args).toEqual([
      "/usr/bin/node",
      "--max-semi-space-size=64",
      "/srv/wxdesk/server.js",
      "backup",
      "/tmp/b.db",
    ]);
    expect(ownFlag?.env).toMatchObject(MALLOC_SETTINGS);

    const ownOptions = leanRelaunch({ ...started, env: { NODE_OPTIONS: "--max-semi-space-size=32" } });
    expect(ownOptions?.args.some((arg) => arg.startsWith("--max-semi-space-size"))).toBe(false);
    expect(ownOptions?.env.NODE_OPTIONS).toBe("--max-semi-space-size=32");

    const ownArenas = leanRelaunch({ ...started, env: { MALLOC_ARENA_MAX: "4" } });
    expect(ownArenas?.env.MALLOC_ARENA_MAX).toBe("4");
    expect(ownArenas?.env.MALLOC_MMAP_THRESHOLD_).toBe(MALLOC_SETTINGS.MALLOC_MMAP_THRESHOLD_);
    expect(ownArenas?.args[1]).toBe(`--max-semi-space-size=${SEMI_SPACE_MB}`);

    const ownFlagAndArenas = { execArgv: ["--max-semi-space-size=8"], env: { MALLOC_ARENA_MAX: "1" } };
    expect(leanRelaunch({ ...started, ...ownFlagAndArenas })?.env).toEqual({
      MALLOC_ARENA_MAX: "1",
      MALLOC_MMAP_THRESHOLD_: MALLOC_SETTINGS.MALLOC_MMAP_THRESHOLD_,
      [RELAUNCHED]: "1",
    });
    expect(
      leanRelaunch({
        ...started,
        execArgv: ["--max-semi-space-size=8"],
        env: { MALLOC_ARENA_MAX: "1", MALLOC_MMAP_THRESHOLD_: "131072" },
      }),
    ).toBeUndefined();
  });

  it("never relaunches twice, when switched off, on Windows or without process.execve", () => {
    expect(leanRelaunch({ ...started, env: { [RELAUNCHED]: "1" } })).toBeUndefined();
    expect(leanRelaunch({ ...started, env: { WXDESK_NODE_TUNING: "off" } })).toBeUndefined();
    expect(leanRelaunch({ ...started, platform: "win32" })).toBeUndefined();
    expect(leanRelaunch({ ...started, canExecve: false })).toBeUndefined();
  });
});
