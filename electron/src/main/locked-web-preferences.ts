import type { WebPreferences } from "electron";

/**
 * What every window's page gets: no Node, an isolated world, Chromium's sandbox, same-origin policy,
 * no `<webview>`, no insecure content (Electron security checklist). Windows add only what differs
 * (the app window its preload, the phone window its own session).
 */
export const LOCKED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  safeDialogs: true,
} as const satisfies WebPreferences;
