/**
 * The only IPC channels the app uses — declared once, imported by main (ipc.ts) and the preload.
 * Which method a call means travels inside the message and is checked against `DESK_METHODS`.
 */
export const IPC_CHANNELS = {
  /** invoke: `{ method, args }` → `CallOutcome` */
  call: "desk:call",
  /** send (renderer → main): `true` to start live activity events for this window, `false` to stop */
  listen: "desk:listen",
  /** send (main → renderer): one `ActivityEvent` */
  event: "desk:event",
} as const;
