/**
 * The launcher's first step (dist/server.js): can this Node.js run the server? An older one does
 * not fail with words: better-sqlite3's prebuilt binary needs Node-API 10 (Node.js 22.14 / 23.6),
 * and on Node.js 20 or 22.12 loading it ends the process with a segmentation fault and nothing on
 * the screen. Kept free of imports so that an old Node.js gets as far as this message.
 */

/** What the built server needs: `engines.node` of callback-server/package.json and a Node-API level. */
export interface NodeRequirement {
  /** `>=22.14` or `>=22.14.0`: the only form the build accepts. */
  engines: string;
  /** better-sqlite3's binary declares this Node-API version (its binding.gyp: `NAPI_VERSION=10`). */
  napi: number;
}

/** The Node-API version better-sqlite3's prebuilt binary is built for; a test reads its binding.gyp to keep this true. */
export const REQUIRED_NAPI = 10;

/** `>=22.14` → [22, 14, 0]; anything else throws (at build time). */
export function minimumFromEngines(range: string): [number, number, number] {
  const match = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`engines.node must read ">=MAJOR.MINOR[.PATCH]", not "${range}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

function parts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, "")
    .split(".")
    .map((part) => Number.parseInt(part, 10) || 0);
  return [major, minor, patch];
}

function older(have: [number, number, number], want: [number, number, number]): boolean {
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] as number) !== (want[i] as number)) return (have[i] as number) < (want[i] as number);
  }
  return false;
}

/**
 * The zh + en lines to print when this Node.js (`process.version`, `process.versions.napi`) cannot
 * run the server; undefined when it can.
 */
export function nodeTooOld(
  version: string,
  napi: string | undefined,
  need: NodeRequirement,
): string[] | undefined {
  const want = minimumFromEngines(need.engines);
  if (!older(parts(version), want) && Number(napi ?? 0) >= need.napi) return undefined;
  const needed = want.join(".");
  return [
    `Node.js 版本太旧：wxdesk 回调服务器需要 Node.js ${needed} 或更高版本（推荐 24），这台机器运行的是 ${version}。`,
    "请安装 Node.js 24（NodeSource 安装包或 nodejs.org 官方版本），确认 `node -v` 显示 v24，然后再启动；",
    "用 systemd 时，service 文件 ExecStart 里的 node 路径也要指向 Node.js 24（`command -v node`）。",
    `Node.js is too old: the wxdesk callback server needs Node.js ${needed} or later (24 recommended); this machine runs ${version}.`,
    "Install Node.js 24 (NodeSource packages or nodejs.org), check that `node -v` shows v24, then start again;",
    "under systemd, the node path in the unit's ExecStart must point at Node.js 24 too (`command -v node`).",
  ];
}
