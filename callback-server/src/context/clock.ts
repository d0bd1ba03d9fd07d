/** What the server takes the time from (its own file: app-context.ts and the context services both use it). */
export interface Clock {
  /** Epoch ms. Tests may offset it to follow the sandbox's virtual clock. */
  now(): number;
}
