import type { ActivityEvent, DeskApi, DeskMethod } from "../desk-api.js";
import { DESK_METHODS } from "./desk-methods.js";

/** What a transport provides; `buildDeskApi` turns it into the `window.wxdesk` object. */
export interface DeskTransport {
  call(method: DeskMethod, args: unknown[]): Promise<unknown>;
  subscribe(listener: (event: ActivityEvent) => void): () => void;
}

/**
 * Builds a `DeskApi` from the one method list, so the preload and the bridge script expose exactly the
 * same methods and nothing else (no channel names, no `ipcRenderer`, no `fetch` wrapper).
 */
export function buildDeskApi(transport: DeskTransport): DeskApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const method of DESK_METHODS) {
    const [namespace, name] = method.split(".") as [string, string];
    const target = api[namespace] ?? {};
    api[namespace] = target;
    target[name] = (...args: unknown[]) => transport.call(method, dropTrailingUndefined(args));
  }
  const activity = api.activity ?? {};
  api.activity = activity;
  activity.subscribe = (listener: unknown) => {
    if (typeof listener !== "function")
      throw new TypeError("subscribe(listener): listener must be a function");
    return transport.subscribe(listener as (event: ActivityEvent) => void);
  };
  for (const namespace of Object.values(api)) Object.freeze(namespace);
  // The loop above fills every namespace and method of DeskApi (desk-methods.ts is checked against the
  // type), which TypeScript cannot follow through a dynamic build — hence the one cast.
  return Object.freeze(api) as unknown as DeskApi;
}

/**
 * `history(undefined)` must mean the same as `history()` on both transports. JSON turns a trailing
 * `undefined` into `null`, which an optional-argument schema rightly refuses, so it is dropped here.
 */
function dropTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
