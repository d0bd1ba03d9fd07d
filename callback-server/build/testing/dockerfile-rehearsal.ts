import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { type DockerInstruction, parseDockerfile } from "./deploy-file-parsers.js";

// A CommonJS package (`module.exports = factory`) whose typings claim an ES default export:
// required as it is written, typed from its own declaration.
const dockerignore = createRequire(import.meta.url)(
  "@balena/dockerignore",
) as typeof import("@balena/dockerignore").default;

/**
 * Test-only: runs a Dockerfile's stages without Docker, the way `docker build` would, so that what
 * the image needs at build time is found out here and not on a user's machine. Each stage gets a
 * folder of its own as its file system root; COPY copies from the build context (filtered by its
 * .dockerignore) or from an earlier stage's folder; RUN runs the same shell command in that stage's
 * WORKDIR with the stage's ENV and a PATH holding only what the slim base image has: node, npm and
 * coreutils — no python3, make or g++.
 */

/** What a RUN may do that a rehearsal cannot do as written (system folders, a user the machine lacks). */
export interface RehearsalSteps {
  /** Parts of a RUN (split on `&&`) the rehearsal leaves out, each a reason why. */
  skipped: ReadonlyMap<string, string>;
}

export interface RehearsedStage {
  name: string;
  /** The stage's file system root: `/app` inside is `<root>/app` here. */
  root: string;
  /** WORKDIR, inside the stage (absolute, e.g. `/app`). */
  workdir: string;
  /** The stage's ENV, in order. */
  env: Map<string, string>;
  /** The later instructions (USER, VOLUME, EXPOSE, HEALTHCHECK, CMD) as written. */
  instructions: DockerInstruction[];
  /** Each RUN part that ran, in order. */
  ran: string[];
}

export interface RehearsalOptions {
  dockerfile: string;
  /** The build context (`docker build … <context>`). */
  context: string;
  /** Where the stage folders and the bare tool folder are made. */
  workDir: string;
  steps: RehearsalSteps;
  /** The machine's network settings (CA bundle, proxy), the npm cache: not the image's, but needed to reach the registry. */
  hostEnv: Record<string, string>;
}

/** Coreutils programs, when dpkg cannot list them (not a Debian machine). */
const COREUTILS_FALLBACK = [
  "cat",
  "cp",
  "env",
  "ls",
  "mkdir",
  "mv",
  "rm",
  "chmod",
  "chown",
  "ln",
  "touch",
  "basename",
  "dirname",
  "uname",
  "sort",
  "head",
  "tail",
  "tr",
  "true",
  "false",
  "test",
  "[",
  "echo",
  "sleep",
  "id",
  "readlink",
  "realpath",
];

function which(name: string, path = process.env.PATH ?? ""): string | undefined {
  return path
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((candidate) => existsSync(candidate));
}

/**
 * A folder of links to node, npm, npx, sh and coreutils: the PATH of `node:24-slim` as far as a
 * build can tell. Build tools (python3, make, g++, cc) are deliberately absent.
 */
export function barePath(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const listed = spawnSync("dpkg", ["-L", "coreutils"], { encoding: "utf8" });
  const coreutils =
    listed.status === 0
      ? listed.stdout.split("\n").filter((line) => /^\/(usr\/)?bin\/[^/]+$/.test(line))
      : COREUTILS_FALLBACK.map((name) => which(name)).filter((p): p is string => p !== undefined);
  const tools = new Map<string, string>();
  for (const path of coreutils) tools.set(path.split("/").pop() as string, path);
  tools.set("node", process.execPath);
  for (const name of ["npm", "npx", "sh"]) {
    const found = which(name, name === "sh" ? "/bin:/usr/bin" : undefined);
    if (!found) throw new Error(`${name} not found on this machine`);
    tools.set(name, found);
  }
  for (const [name, target] of tools) if (!existsSync(join(dir, name))) symlinkSync(target, join(dir, name));
  return dir;
}

/** `a && b && c` → parts; the Dockerfiles here use nothing fancier in RUN. */
function runParts(command: string): string[] {
  return command
    .split("&&")
    .map((part) => part.trim())
    .filter(Boolean);
}

function run(command: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn("sh", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", fail);
    child.on("exit", (code) => {
      if (code === 0) done();
      else fail(new Error(`RUN ${command} (in ${cwd}) exited with ${code}:\n${output.slice(-6000)}`));
    });
  });
}

/** Every file and folder of the context Docker would send (the .dockerignore applied), relative paths. */
function contextEntries(context: string): (path: string) => boolean {
  const ignoreFile = join(context, ".dockerignore");
  const rules = dockerignore().add(existsSync(ignoreFile) ? readFileSync(ignoreFile, "utf8") : "");
  return (path: string) => !rules.ignores(path.split(sep).join("/"));
}

/** Copies `from` (a file or a folder's contents) to `to`, keeping only what `keep` allows (context-relative). */
function copyFiltered(from: string, to: string, keep: (rel: string) => boolean, base: string): void {
  const rel = relative(base, from);
  if (rel !== "" && !keep(rel)) return;
  if (statSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) copyFiltered(join(from, name), join(to, name), keep, base);
  } else {
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to);
  }
}

function inStage(root: string, workdir: string, path: string): string {
  return join(root, isAbsolute(path) ? path : join(workdir, path));
}

/** Splits `--from=x a b dest` into the flag and the paths. */
function copyArgs(args: string): { from?: string; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const from = words[0]?.startsWith("--from=")
    ? (words.shift() as string).slice("--from=".length)
    : undefined;
  const dest = words.pop();
  if (!dest || words.length === 0) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { ...(from ? { from } : {}), sources: words, dest };
}

/** Runs every stage in order; returns them by name (`FROM … AS name`, or the stage's index). */
export async function rehearseDockerfile(options: RehearsalOptions): Promise<Map<string, RehearsedStage>> {
  const stages = parseDockerfile(readFileSync(options.dockerfile, "utf8"));
  const bin = barePath(join(options.workDir, "bare-bin"));
  const home = join(options.workDir, "home");
  mkdirSync(home, { recursive: true });
  // The machine's ~/.npmrc is not part of any image.
  const userconfig = join(home, ".npmrc");
  writeFileSync(userconfig, "");
  const keep = contextEntries(options.context);
  const done = new Map<string, RehearsedStage>();

  for (const [index, instructions] of stages.entries()) {
    const from = (instructions[0] as DockerInstruction).args.split(/\s+/);
    const name = from[1]?.toUpperCase() === "AS" ? (from[2] as string) : String(index);
    const stage: RehearsedStage = {
      name,
      root: join(options.workDir, `stage-${name}`),
      workdir: "/",
      env: new Map(),
      instructions: [],
      ran: [],
    };
    mkdirSync(stage.root, { recursive: true });
    for (const { name: op, args } of instructions.slice(1)) {
      if (op === "WORKDIR") {
        stage.workdir = resolve(stage.workdir, args);
        mkdirSync(inStage(stage.root, "/", stage.workdir), { recursive: true });
      } else if (op === "ENV") {
        for (const pair of args.split(/\s+/)) {
          const eq = pair.indexOf("=");
          stage.env.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
      } else if (op === "COPY") {
        const { from: source, sources, dest } = copyArgs(args);
        const target = inStage(stage.root, stage.workdir, dest);
        const toFolder = dest.endsWith("/") || dest === "." || sources.length > 1;
        for (const src of sources) {
          const origin = source ? done.get(source) : undefined;
          if (source && !origin) throw new Error(`COPY --from=${source}: no such stage before this one`);
          const path = origin ? join(origin.root, src) : join(options.context, src);
          if (!existsSync(path))
            throw new Error(`COPY ${src}: not found${origin ? "" : " in the build context"}`);
          if (!origin && src !== "." && !keep(relative(options.context, path)))
            throw new Error(`COPY ${src}: excluded by .dockerignore`);
          const isFolder = statSync(path).isDirectory();
          const to = toFolder && !isFolder ? join(target, src.split("/").pop() as string) : target;
          copyFiltered(path, to, origin ? () => true : keep, origin ? origin.root : options.context);
        }
      } else if (op === "RUN") {
        const env: Record<string, string> = {
          ...options.hostEnv,
          ...Object.fromEntries(stage.env),
          PATH: bin,
          HOME: home,
          npm_config_userconfig: userconfig,
        };
        for (const part of runParts(args)) {
          if (options.steps.skipped.has(part)) continue;
          // Outside the stage's folder a command would change this machine: only named ones are left out.
          if (/(^|\s)\//.test(part))
            throw new Error(
              `RUN part "${part}" names a system path: add it to the rehearsal's skipped steps, with why`,
            );
          await run(part, inStage(stage.root, "/", stage.workdir), env);
          stage.ran.push(part);
        }
      } else {
        stage.instructions.push({ name: op, args });
      }
    }
    done.set(name, stage);
  }
  return done;
}
