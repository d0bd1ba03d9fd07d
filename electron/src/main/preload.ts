import { contextBridge, type IpcRendererEvent, ipcRenderer } from "electron";
import type { ActivityEvent } from "../desk-api.js";
import { buildDeskApi } from "../shared/build-desk-api.js";
import type { CallOutcome } from "../shared/desk-error-wire.js";
import { IPC_CHANNELS } from "./ipc-channels.js";

/**
 * The page's only door to the app: `window.wxdesk`, built from the method list. `ipcRenderer` stays in
 * this isolated world — only plain functions that send `{method, args}` on one channel cross over.
 * Runs sandboxed, so this file is bundled (esbuild) into one CommonJS file that requires only "electron".
 */
type Listener = (event: ActivityEvent) => void;

const listeners = new Set<{ listener: Listener }>();

const deliver = (_event: IpcRendererEvent, activity: ActivityEvent): void => {
  for (const { listener } of [...listeners]) {
    try {
      listener(activity);
    } catch (error) {
      // One failing listener must not starve the others.
      console.error(error);
    }
  }
};

const api = buildDeskApi({
  async call(method, args) {
    const outcome = (await ipcRenderer.invoke(IPC_CHANNELS.call, { method, args })) as CallOutcome;
    if (outcome.ok) return outcome.result;
    // A plain object, not an Error: contextBridge would strip an Error's code/messageZh/details.
    throw outcome.error;
  },
  subscribe(listener) {
    const entry = { listener };
    listeners.add(entry);
    if (listeners.size === 1) {
      ipcRenderer.on(IPC_CHANNELS.event, deliver);
      ipcRenderer.send(IPC_CHANNELS.listen, true);
    }
    return () => {
      if (!listeners.delete(entry) || listeners.size > 0) return;
      ipcRenderer.removeListener(IPC_CHANNELS.event, deliver);
      ipcRenderer.send(IPC_CHANNELS.listen, false);
    };
  },
});

contextBridge.exposeInMainWorld("wxdesk", api);
