import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * What a scan found that must not ship: violations of impact serious or critical, and headings that skip
 * a level (axe rates `heading-order` moderate; issue 10 item 13 asks for it too).
 */
export interface AxeFinding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on what `page` shows now (WCAG 2.x A and AA rules, best practices) and returns what must not ship. */
export async function seriousViolations(page: Page, where: string): Promise<AxeFinding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "heading-order")
    .map((v) => ({
      where,
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${n.target.join(" ")}${n.failureSummary ? ` — ${n.failureSummary.split("\n").slice(1).join(" ").trim()}` : ""}`,
        ),
    }));
}

/** One line per finding, for a failure message a person can act on. */
export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map((f) => `${f.where}: ${f.rule} (${f.impact}) ${f.help}\n    ${f.targets.join("\n    ")}`)
    .join("\n");
}
