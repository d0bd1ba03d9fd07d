import type { ChildProcess } from "node:child_process";

/** Test-only: everything a child process has written so far, as text (stdout: JSON lines; stderr: words). */
export interface ChildOutput {
  stdout(): string;
  stderr(): string;
}

export function collectOutput(child: ChildProcess): ChildOutput {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}
