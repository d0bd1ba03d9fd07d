/**
 * The `msg` of the JSON log line the server writes once it listens: `{"msg": STARTED_MESSAGE,
 * "url": "http://127.0.0.1:7200", "config": {…describeConfig}}`. Tests and scripts find the
 * address there; it replaces the plain-text banner that used to sit among the JSON lines.
 */
export const STARTED_MESSAGE = "wxdesk callback server started";

export interface StartedLine {
  msg: typeof STARTED_MESSAGE;
  /** Where this process listens (loopback form of WXDESK_HOST:port). */
  url: string;
  config: Record<string, unknown>;
}

/** The started line among stdout's JSON lines, once it has been written. */
export function findStartedLine(stdout: string): StartedLine | undefined {
  for (const line of stdout.split("\n")) {
    if (!line.includes(STARTED_MESSAGE)) continue;
    try {
      const parsed = JSON.parse(line) as Partial<StartedLine>;
      if (parsed.msg === STARTED_MESSAGE && typeof parsed.url === "string") return parsed as StartedLine;
    } catch {
      // a line still being written: the next chunk completes it
    }
  }
  return undefined;
}
