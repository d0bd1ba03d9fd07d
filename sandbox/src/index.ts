export { buildSandbox, type StartedSandbox, startSandbox } from "./build-sandbox.js";
export { SandboxEnvError, type SandboxEnvProblem, sandboxOptionsFromEnv } from "./sandbox-env.js";
export type { FaultRule } from "./state/faults.js";
export {
  FIXTURE_TAGS,
  FIXTURE_USERS,
  type Platform,
  SANDBOX_DEFAULTS,
  SANDBOX_SECOND_APP,
  type SandboxApp,
  type SandboxAppInput,
  type SandboxOptions,
  type SandboxUser,
  type SandboxUserInput,
  type UserLang,
} from "./state/fixtures.js";
