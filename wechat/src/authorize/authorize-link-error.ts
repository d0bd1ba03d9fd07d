import type { LinkProblem } from "./link-problem.js";

/** Thrown by `buildAuthorizeUrl` when the input would produce a link WeChat rejects. */
export class AuthorizeLinkError extends Error {
  readonly problems: LinkProblem[];

  constructor(problems: LinkProblem[]) {
    super(`Invalid authorize link input: ${problems.map((p) => `${p.field} (${p.code})`).join(", ")}`);
    this.name = "AuthorizeLinkError";
    this.problems = problems;
  }
}
