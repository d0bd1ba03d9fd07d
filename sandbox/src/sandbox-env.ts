import type { SandboxOptions } from "./state/fixtures.js";

/** One bad `SANDBOX_*` variable, in both languages (the value is named: none of these is a secret). */
export interface SandboxEnvProblem {
  name: string;
  messageZh: string;
  messageEn: string;
}

/** Thrown by `sandboxOptionsFromEnv` with every bad variable at once. */
export class SandboxEnvError extends Error {
  override readonly name = "SandboxEnvError";
  readonly problems: SandboxEnvProblem[];

  constructor(problems: SandboxEnvProblem[]) {
    super(problems.map((p) => p.messageEn).join("; "));
    this.problems = problems;
  }
}

/** What the WeChat console accepts as a domain setting: a host name, no scheme, port or path. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function domains(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  problems: SandboxEnvProblem[],
) {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const list = raw
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.filter((entry) => !HOST_NAME.test(entry));
  if (bad.length > 0)
    problems.push({
      name,
      messageZh: `${name}：「${bad.join("、")}」不是域名。只写域名（如 wx.example.com），不带 https://、端口和路径，多个用逗号分隔`,
      messageEn: `${name}: "${bad.join('", "')}" is not a domain. Write domains only (e.g. wx.example.com), without https://, port or path, comma-separated`,
    });
  return list;
}

function publicUrl(env: Readonly<Record<string, string | undefined>>, problems: SandboxEnvProblem[]) {
  const raw = env.SANDBOX_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.href !== `${url.origin}/`) {
    problems.push({
      name: "SANDBOX_PUBLIC_URL",
      messageZh: "SANDBOX_PUBLIC_URL 应为浏览器访问沙箱的地址，不带路径，例如 https://sandbox.example.com",
      messageEn:
        "SANDBOX_PUBLIC_URL must be the origin browsers reach the sandbox at, without a path, e.g. https://sandbox.example.com",
    });
    return undefined;
  }
  return url.origin;
}

/**
 * The sandbox settings a rehearsal on a real domain needs, from the environment:
 * `SANDBOX_OAUTH_DOMAINS` / `SANDBOX_JSSDK_DOMAINS` (extra 网页授权域名 / JS接口安全域名,
 * comma-separated) and `SANDBOX_PUBLIC_URL` (the origin in avatar URLs, https behind TLS).
 * Used by `npm run sandbox` and by the callback server's `--sandbox` demo.
 */
export function sandboxOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Pick<SandboxOptions, "oauthDomains" | "jssdkDomains" | "publicUrl"> {
  const problems: SandboxEnvProblem[] = [];
  const oauthDomains = domains(env, "SANDBOX_OAUTH_DOMAINS", problems);
  const jssdkDomains = domains(env, "SANDBOX_JSSDK_DOMAINS", problems);
  const origin = publicUrl(env, problems);
  if (problems.length > 0) throw new SandboxEnvError(problems);
  return {
    ...(oauthDomains ? { oauthDomains } : {}),
    ...(jssdkDomains ? { jssdkDomains } : {}),
    ...(origin ? { publicUrl: origin } : {}),
  };
}
