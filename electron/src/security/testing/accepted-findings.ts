import type { Finding } from "./electronegativity-scan.js";

/** A finding a person looked at and explained (docs/electron-security.md). */
export interface AcceptedFinding {
  id: string;
  file: string;
  /** How many findings of this check in this file are explained: one more is a new one. */
  count: number;
  why: string;
}

const START = "<!-- accepted-findings:start -->";
const END = "<!-- accepted-findings:end -->";

/**
 * The table between the two markers of docs/electron-security.md:
 * `| check | file | count | why it is acceptable |`, code in backticks.
 */
export function parseAcceptedFindings(markdown: string): AcceptedFinding[] {
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `docs/electron-security.md needs the accepted-findings table between ${START} and ${END}`,
    );
  }
  const rows = markdown
    .slice(start + START.length, end)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("|"));
  return rows.slice(2).map((row) => {
    const cells = row
      .slice(1, row.endsWith("|") ? -1 : undefined)
      .split("|")
      .map((cell) => cell.trim().replace(/^`(.*)`$/, "$1"));
    const [id = "", file = "", count = "", why = ""] = cells;
    if (!id || !file || !/^[1-9]\d*$/.test(count) || why.length < 20) {
      throw new Error(
        `docs/electron-security.md: an accepted finding needs a check, a file, a count and a reason: ${row}`,
      );
    }
    return { id, file, count: Number(count), why };
  });
}

export interface Reconciled {
  /** Found but not explained; when a check finds more in a file than explained, all of them there. */
  unexplained: Finding[];
  /** Explained but no longer found (or fewer): the explanation is out of date. */
  stale: Array<{ id: string; file: string; explained: number; found: number }>;
}

const keyOf = (f: { id: string; file: string }) => `${f.id}\u0000${f.file}`;

/** Findings against their explanations, by check and file. */
export function reconcile(findings: Finding[], accepted: AcceptedFinding[]): Reconciled {
  const explained = new Map(accepted.map((a) => [keyOf(a), a]));
  const found = new Map<string, Finding[]>();
  for (const finding of findings) {
    found.set(keyOf(finding), [...(found.get(keyOf(finding)) ?? []), finding]);
  }
  const unexplained: Finding[] = [];
  for (const [key, group] of found) {
    const allowed = explained.get(key)?.count ?? 0;
    if (group.length > allowed) unexplained.push(...group);
  }
  const stale = accepted
    .map((a) => ({ id: a.id, file: a.file, explained: a.count, found: found.get(keyOf(a))?.length ?? 0 }))
    .filter((a) => a.found < a.explained);
  return { unexplained, stale };
}
