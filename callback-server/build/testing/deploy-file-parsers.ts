import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_DIR } from "../build-server-dist.js";

/**
 * Test-only readers for the files in `deploy/` and the guide that installs them: just enough of each
 * format to check them without Docker, systemd or nginx. Each throws on a line it cannot read, so a
 * typo fails the test.
 */

/** The deployment guide (docs/deploy.md): the commands a person types, which the tests run or check. */
export function readDeployGuide(): string {
  return readFileSync(join(REPO_DIR, "docs", "deploy.md"), "utf8");
}

/** A systemd unit: section → [key, value] in file order (keys may repeat, e.g. Environment=). */
export type UnitFile = Map<string, Array<[string, string]>>;

export function parseUnit(text: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: Array<[string, string]> | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = [];
      unit.set(header[1] as string, section);
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !section || line.endsWith("\\")) throw new Error(`unit line ${index + 1}: ${raw}`);
    section.push([pair[1] as string, (pair[2] as string).trim()]);
  });
  return unit;
}

/** Every value of `key` in `section`. */
export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);
}

/** `Environment=NAME=value` lines of [Service] as a map. */
export function unitEnvironment(unit: UnitFile): Map<string, string> {
  return new Map(
    unitValues(unit, "Service", "Environment").map((assignment) => {
      const eq = assignment.indexOf("=");
      return [assignment.slice(0, eq), assignment.slice(eq + 1)];
    }),
  );
}

export interface DockerInstruction {
  name: string;
  args: string;
}

/** Dockerfile instructions grouped by stage (one array per FROM), continuation lines joined. */
export function parseDockerfile(text: string): DockerInstruction[][] {
  const logical = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: DockerInstruction[][] = [];
  for (const line of logical) {
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line: ${line}`);
    const instruction = { name: (match[1] as string).toUpperCase(), args: (match[2] as string).trim() };
    if (instruction.name === "FROM") stages.push([]);
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${instruction.name} before FROM`);
    stage.push(instruction);
  }
  return stages;
}

/** `ENV A=1 B=2` (the key=value form) of a stage as a map. */
export function dockerEnv(stage: DockerInstruction[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const { name, args } of stage) {
    if (name !== "ENV") continue;
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new Error(`ENV without key=value: ${args}`);
      env.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  return env;
}

export interface EnvEntry {
  key: string;
  value: string;
  /** Written as `# KEY=value`: an optional setting, off until uncommented. */
  commented: boolean;
}

/** The settings of an env file; prose comments are skipped, `# KEY=value` lines are kept. */
export function parseEnvFile(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const setting = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (setting) {
      entries.push({ key: setting[2] as string, value: setting[3] as string, commented: !!setting[1] });
    } else if (!line.startsWith("#")) {
      throw new Error(`env line ${index + 1} is neither KEY=value nor a comment: ${raw}`);
    }
  });
  return entries;
}

export interface NginxDirective {
  name: string;
  args: string[];
  block?: NginxDirective[];
}

/** nginx configuration as a tree (directives; blocks hold their children). Quotes are not needed here. */
export function parseNginx(text: string): NginxDirective[] {
  const tokens = text
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, ""))
    .join("\n")
    .match(/[{};]|[^\s{};]+/g);
  let at = 0;
  const list = (depth: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    let words: string[] = [];
    while (tokens && at < tokens.length) {
      const token = tokens[at++] as string;
      if (token === ";") {
        if (words.length === 0) throw new Error("nginx: empty directive");
        out.push({ name: words[0] as string, args: words.slice(1) });
        words = [];
      } else if (token === "{") {
        if (words.length === 0) throw new Error("nginx: block without a name");
        out.push({ name: words[0] as string, args: words.slice(1), block: list(depth + 1) });
        words = [];
      } else if (token === "}") {
        if (depth === 0 || words.length > 0) throw new Error("nginx: unbalanced }");
        return out;
      } else words.push(token);
    }
    if (depth > 0 || words.length > 0) throw new Error("nginx: unterminated block or directive");
    return out;
  };
  return list(0);
}

/** Directives named `name` directly inside `block`. */
export function nginxFind(block: NginxDirective[] | undefined, name: string): NginxDirective[] {
  return (block ?? []).filter((d) => d.name === name);
}

/** nginx time (`90`, `60s`, `5m`, `1h`) in seconds. */
export function nginxSeconds(value: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value);
  if (!match) throw new Error(`nginx time: ${value}`);
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };
  return Number(match[1]) * (units[match[2] ?? "s"] ?? 1);
}
