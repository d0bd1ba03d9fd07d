import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `dist/package.json`: what `npm install --omit=dev --ignore-scripts` needs next to the bundle, nothing more. */
export interface DistManifest {
  name: string;
  version: string;
  private: true;
  description: string;
  type: "module";
  engines: { node: string };
  scripts: { start: string };
  /** Exactly the packages left out of the bundle, pinned to the versions the lockfile tested. */
  dependencies: Record<string, string>;
}

interface LockFile {
  packages?: Record<string, { version?: string }>;
}

interface WorkspacePackage {
  version: string;
  engines?: { node?: string };
}

/**
 * The version of `name` the repository actually installed, as the lockfile records it: the
 * workspace's own `node_modules` first (a nested copy wins there), then the hoisted one.
 */
export function lockedVersion(lock: LockFile, workspace: string, name: string): string {
  for (const key of [`${workspace}/node_modules/${name}`, `node_modules/${name}`]) {
    const version = lock.packages?.[key]?.version;
    if (version) return version;
  }
  throw new Error(`package-lock.json has no installed version of ${name}; run npm install first`);
}

export function distManifest(options: {
  repoDir: string;
  /** The workspace folder name, `callback-server`. */
  workspace: string;
  externals: readonly string[];
}): DistManifest {
  const { repoDir, workspace, externals } = options;
  const lock = JSON.parse(readFileSync(join(repoDir, "package-lock.json"), "utf8")) as LockFile;
  const own = JSON.parse(readFileSync(join(repoDir, workspace, "package.json"), "utf8")) as WorkspacePackage;
  const node = own.engines?.node;
  if (!node) throw new Error(`${workspace}/package.json has no engines.node`);
  return {
    name: "wxdesk-callback-server",
    version: own.version,
    private: true,
    description:
      "wxdesk callback server, built: run `npm install --omit=dev --ignore-scripts` here, then `npm start`.",
    type: "module",
    engines: { node },
    scripts: { start: "node server.js" },
    dependencies: Object.fromEntries(
      [...externals].sort().map((name) => [name, lockedVersion(lock, workspace, name)]),
    ),
  };
}
