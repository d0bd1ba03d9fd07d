import type { DeskMethod } from "../../desk-api.js";
import type { DeskHost } from "../desk-host.js";

/**
 * Calls through `host.call` (arguments checked as the transports do) and keeps every answer and
 * every rejection, so a test can search all of them for a key at the end.
 */
export function recordingCaller(host: DeskHost) {
  const outputs: unknown[] = [];
  async function call<T = unknown>(method: DeskMethod, ...args: unknown[]): Promise<T> {
    try {
      const result = await host.call(method, args);
      outputs.push(result);
      return result as T;
    } catch (error) {
      outputs.push(error);
      throw error;
    }
  }
  return { call, outputs, serialized: () => JSON.stringify(outputs) };
}
