// Boots a bundled dist/main.cjs in plain Node with the stand-in `electron` (bundled from
// fake-electron.ts into <tmp>/node_modules/electron), then reports what the app did as one JSON line.
// argv: <main.cjs> <appData dir>
const electron = require("electron");
const [mainFile, appData] = process.argv.slice(2);
electron.app.paths.set("appData", appData);
require(mainFile);

const report = (result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

const started = Date.now();
const waitForWindow = setInterval(async () => {
  const [window] = electron.BrowserWindow.instances;
  if (electron.dialog.errors.length > 0) {
    clearInterval(waitForWindow);
    report({ errors: electron.dialog.errors });
    process.exit(1);
  }
  if (window === undefined) {
    if (Date.now() - started > 90_000) process.exit(2);
    return;
  }
  clearInterval(waitForWindow);
  const sender = window.webContents;
  const info = await electron.ipcMain.invoke(
    "desk:call",
    { sender, senderFrame: sender.mainFrame },
    { method: "app.info", args: [] },
  );
  const badInput = await electron.ipcMain.invoke(
    "desk:call",
    { sender, senderFrame: sender.mainFrame },
    { method: "menu.history", args: ["x"] },
  );
  const quitting = {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
  electron.app.emit("will-quit", quitting);
  const waitForQuit = setInterval(() => {
    if (electron.app.quitCalls === 0) return;
    clearInterval(waitForQuit);
    report({
      callLog: electron.callLog,
      webPreferences: window.options.webPreferences,
      loadedUrl: window.loadedUrl,
      userData: electron.app.getPath("userData"),
      info,
      badInput,
      quitPrevented: quitting.defaultPrevented,
    });
    process.exit(0);
  }, 20);
}, 20);
