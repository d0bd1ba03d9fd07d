/**
 * A stand-in for the `electron` module (its binary cannot run on CI machines), for
 * `vi.mock("electron", () => import("./testing/fake-electron.js"))`. It records what the main-process
 * code asks of Electron and lets a test fire the events Electron would. Only what our code uses exists.
 */
import { EventEmitter } from "node:events";

type Handler = (...args: unknown[]) => unknown;

/** Calls in order, e.g. "app.setPath userData", "protocol.registerSchemesAsPrivileged", "app.whenReady". */
export const callLog: string[] = [];

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  windowOpenHandler: ((details: { url: string; frameName: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  readonly mainFrame: FakeFrame = { url: "app://wxdesk/index.html", parent: null };

  setWindowOpenHandler(handler: (details: { url: string; frameName: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit("destroyed");
  }
}

/** An Electron-style event: `preventDefault()` is observable. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class FakeApp extends EventEmitter {
  singleInstance = true;
  readonly paths = new Map<string, string>([["appData", "/fake/appData"]]);
  quitCalls = 0;
  exitCode: number | null = null;
  sandboxEnabled = false;

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake app has no path "${name}"`);
    return path;
  }
  setPath(name: string, path: string): void {
    callLog.push(`app.setPath ${name}`);
    this.paths.set(name, path);
  }
  getVersion(): string {
    return "9.8.7";
  }
  enableSandbox(): void {
    callLog.push("app.enableSandbox");
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    callLog.push("app.requestSingleInstanceLock");
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    callLog.push("app.whenReady");
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  minimized = false;
  focusCount = 0;
  restoreCount = 0;
  shown = false;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    // Like Electron: every new WebContents is announced on the app.
    app.emit("web-contents-created", fakeEvent({}), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  close(): void {
    this.webContents.destroy();
    this.emit("closed");
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focusCount++;
  }
  restore(): void {
    this.restoreCount++;
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    callLog.push("protocol.registerSchemesAsPrivileged");
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    callLog.push(`protocol.handle ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
};

export interface FakeSession {
  requestHandler: Handler | null;
  checkHandler: Handler | null;
  setPermissionRequestHandler(handler: Handler): void;
  setPermissionCheckHandler(handler: Handler): void;
}

function fakeSession(): FakeSession {
  const s: FakeSession = {
    requestHandler: null,
    checkHandler: null,
    setPermissionRequestHandler(handler) {
      s.requestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      s.checkHandler = handler;
    },
  };
  return s;
}

export const session = {
  partitions: new Map<string, FakeSession>(),
  fromPartition(name: string): FakeSession {
    let found = session.partitions.get(name);
    if (!found) {
      found = fakeSession();
      session.partitions.set(name, found);
    }
    return found;
  },
  defaultSession: {
    requestHandler: null as Handler | null,
    checkHandler: null as Handler | null,
    setPermissionRequestHandler(handler: Handler): void {
      session.defaultSession.requestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler): void {
      session.defaultSession.checkHandler = handler;
    },
  },
};

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
};

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    dialog.errors.push({ title, content });
  },
};

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke` would do, from a chosen sender. */
  async invoke(channel: string, event: object, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export const ipcMain = new FakeIpcMain();

export const contextBridge = {
  exposed: [] as Array<{ key: string; api: unknown }>,
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.push({ key, api });
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; payload: unknown }> = [];
  readonly sentMessages: Array<{ channel: string; payload: unknown }> = [];
  /** What the next `invoke` resolves to. */
  nextOutcome: unknown = { ok: true, result: null };
  async invoke(channel: string, payload: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload });
    return this.nextOutcome;
  }
  send(channel: string, payload: unknown): void {
    this.sentMessages.push({ channel, payload });
  }
}

export const ipcRenderer = new FakeIpcRenderer();

/** Back to a fresh state between tests (the module itself is shared by the code under test). */
export function resetFakeElectron(): void {
  callLog.length = 0;
  app.removeAllListeners();
  app.singleInstance = true;
  app.paths.clear();
  app.paths.set("appData", "/fake/appData");
  app.quitCalls = 0;
  app.exitCode = null;
  app.sandboxEnabled = false;
  BrowserWindow.instances.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.requestHandler = null;
  session.defaultSession.checkHandler = null;
  session.partitions.clear();
  shell.opened.length = 0;
  dialog.errors.length = 0;
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
}

export default { app, BrowserWindow, protocol, session, shell, dialog, ipcMain, contextBridge, ipcRenderer };
