import type { z } from "zod";
import type { DeskApi, DeskMethod } from "../../desk-api.js";

/** `"menu.publish"` → `DeskApi["menu"]["publish"]`. */
export type MethodFn<M extends DeskMethod> = M extends `${infer N}.${infer F}`
  ? N extends keyof DeskApi
    ? F extends keyof DeskApi[N]
      ? DeskApi[N][F]
      : never
    : never
  : never;

// biome-ignore lint/suspicious/noExplicitAny: the widest function type, only to read parameters
type AnyFn = (...args: any[]) => unknown;

/** The argument tuple of one method. */
export type MethodArgs<M extends DeskMethod> = MethodFn<M> extends AnyFn ? Parameters<MethodFn<M>> : never;

/** One zod schema per method of a namespace, checked against the DeskApi type. */
export type NamespaceArgs<N extends keyof DeskApi & string> = {
  [M in Extract<DeskMethod, `${N}.${string}`>]: z.ZodType<MethodArgs<M>>;
};
