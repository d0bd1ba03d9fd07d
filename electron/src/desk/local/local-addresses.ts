import type { SandboxStatus } from "../../desk-api.js";
import type { LocalAddresses } from "../settings/settings-schema.js";

/** Former ports remembered for naming stale links; older moves are forgotten. */
const FORMER_PORTS_KEPT = 10;

export const loopbackUrl = (port: number) => `http://127.0.0.1:${port}`;

/**
 * After a start: did the local servers get the ports of the last run (`moved` says where they were
 * if not), and what to remember now (`remember`, undefined when nothing changed). The new ports are
 * kept — links published from now on carry them — and a port left behind joins `formerPorts`, so
 * the links still pointing there can be named until they are republished.
 */
export function settleAddresses(
  remembered: LocalAddresses,
  now: { sandboxPort: number; serverPort: number },
): { moved?: NonNullable<SandboxStatus["moved"]>; remember?: LocalAddresses } {
  const left: number[] = [];
  const moved: NonNullable<SandboxStatus["moved"]> = {};
  if (remembered.sandboxPort !== undefined && remembered.sandboxPort !== now.sandboxPort) {
    moved.sandboxFrom = loopbackUrl(remembered.sandboxPort);
    left.push(remembered.sandboxPort);
  }
  if (remembered.serverPort !== undefined && remembered.serverPort !== now.serverPort) {
    moved.serverFrom = loopbackUrl(remembered.serverPort);
    left.push(remembered.serverPort);
  }
  const unchanged = remembered.sandboxPort === now.sandboxPort && remembered.serverPort === now.serverPort;
  if (unchanged) return {};
  const formerPorts = [...new Set([...(remembered.formerPorts ?? []), ...left])].slice(-FORMER_PORTS_KEPT);
  return {
    ...(left.length > 0 ? { moved } : {}),
    remember: { ...now, ...(formerPorts.length > 0 ? { formerPorts } : {}) },
  };
}
