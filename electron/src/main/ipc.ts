import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from "electron";
import type { DeskHost } from "../desk/desk-host.js";
import { type CallOutcome, toWireError, transportError } from "../shared/desk-error-wire.js";
import { isDeskMethod } from "../shared/desk-methods.js";
import { isAppUrl } from "./app-url.js";
import { IPC_CHANNELS } from "./ipc-channels.js";

export interface DeskIpcOptions {
  ipcMain: IpcMain;
  host: DeskHost;
  /** The app's window's WebContents, or null while there is none; the only sender ever answered. */
  getAppContents: () => WebContents | null;
}

/**
 * One handler for every DeskApi call, one for live events. A message is answered only when it comes
 * from the top frame of the app's own window showing the app's own URL (Electron security checklist:
 * validate the sender of all IPC messages) — a stray frame or a navigated page gets `forbidden_sender`.
 * Arguments are not judged here: `host.call` validates them per method (zod) and rejects with
 * `bad_input`, which travels back intact.
 *
 * Returns a function that removes the handlers and stops every event subscription.
 */
export function registerDeskIpc({ ipcMain, host, getAppContents }: DeskIpcOptions): () => void {
  const isTrusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const contents = getAppContents();
    const frame = event.senderFrame;
    return (
      contents !== null &&
      !contents.isDestroyed() &&
      event.sender.id === contents.id &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url)
    );
  };

  ipcMain.handle(IPC_CHANNELS.call, async (event, request: unknown): Promise<CallOutcome> => {
    if (!isTrusted(event)) return { ok: false, error: transportError("forbidden_sender") };
    const { method, args } = (typeof request === "object" && request !== null ? request : {}) as {
      method?: unknown;
      args?: unknown;
    };
    if (!isDeskMethod(method)) return { ok: false, error: transportError("unknown_method") };
    if (!Array.isArray(args)) return { ok: false, error: transportError("bad_input") };
    try {
      return { ok: true, result: await host.call(method, args) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  });

  // One host subscription per window at most, however often the page (re)subscribes.
  const subscriptions = new Map<number, () => void>();
  const stop = (contentsId: number): void => {
    subscriptions.get(contentsId)?.();
    subscriptions.delete(contentsId);
  };
  const onListen = (event: IpcMainEvent, on: unknown): void => {
    if (!isTrusted(event)) return;
    const contents = event.sender;
    if (on !== true) {
      stop(contents.id);
      return;
    }
    if (subscriptions.has(contents.id)) return;
    const unsubscribe = host.api.activity.subscribe((activity) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, activity);
    });
    subscriptions.set(contents.id, unsubscribe);
    contents.once("destroyed", () => stop(contents.id));
  };
  ipcMain.on(IPC_CHANNELS.listen, onListen);

  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeListener(IPC_CHANNELS.listen, onListen);
    for (const id of [...subscriptions.keys()]) stop(id);
  };
}
