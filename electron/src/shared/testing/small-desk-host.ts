import { z } from "zod";
import type { DeskHost } from "../../desk/desk-host.js";
import type { ActivityEvent, DeskError, DeskMethod } from "../../desk-api.js";
import { buildDeskApi } from "../build-desk-api.js";

/**
 * A small, real DeskHost for transport tests (IPC, web bridge): it validates arguments with zod like the
 * real one, answers a few methods from memory and lets a test push live activity events.
 */
export interface SmallDeskHost extends DeskHost {
  emit(event: ActivityEvent): void;
  listenerCount(): number;
  /** Every call that reached `call`, in order (what a transport passed on). */
  calls: Array<{ method: DeskMethod; args: unknown[] }>;
  closed: boolean;
}

const SCHEMAS: Partial<Record<DeskMethod, z.ZodType<unknown[]>>> = {
  "profiles.setActive": z.tuple([z.string().min(1)]),
  "menu.history": z.union([z.tuple([]), z.tuple([z.number().int().min(1).max(100)])]),
  "links.qr": z.tuple([z.object({ text: z.string().min(1), format: z.enum(["png", "svg"]) })]),
  "sandbox.start": z.tuple([]),
};

const BAD_INPUT: DeskError = {
  code: "bad_input",
  message: "The request was not in the expected form.",
  messageZh: "请求的格式不对。",
};

export function createSmallDeskHost(): SmallDeskHost {
  const listeners = new Set<(event: ActivityEvent) => void>();
  const answer = (method: DeskMethod, args: unknown[]): unknown => {
    switch (method) {
      case "profiles.setActive":
        return undefined;
      case "menu.history":
        return [
          {
            id: 1,
            kind: "publish",
            at: 1_700_000_000_000,
            by: `limit ${String(args[0] ?? "none")}`,
            menu: null,
          },
        ];
      case "links.qr":
        return {
          dataUrl: `data:image/svg+xml;utf8,${encodeURIComponent((args[0] as { text: string }).text)}`,
        };
      case "sandbox.start":
        // An unexpected failure whose text must not reach the page.
        throw new Error("ENOENT: /home/someone/.secret/sandbox.sqlite");
      default:
        throw {
          code: "not_available",
          message: `${method} is not in the small test host`,
          messageZh: "测试用主机不支持",
        };
    }
  };

  const host: SmallDeskHost = {
    calls: [],
    closed: false,
    async call(method, args) {
      host.calls.push({ method, args });
      const schema = SCHEMAS[method];
      if (schema !== undefined && !schema.safeParse(args).success) throw BAD_INPUT;
      return answer(method, args);
    },
    api: buildDeskApi({
      call: (method, args) => host.call(method, args),
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
    async close() {
      host.closed = true;
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    listenerCount: () => listeners.size,
  };
  return host;
}
