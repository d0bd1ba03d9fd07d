import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESK_METHODS } from "../shared/desk-methods.js";
import { type BundleAppResult, bundleApp } from "./bundle-app.js";

const srcDir = join(import.meta.dirname, "..");
const repoNodeModules = join(srcDir, "..", "..", "node_modules");
let root: string;
let result: BundleAppResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "wxdesk-bundle-"));
  const rendererDist = join(root, "renderer-dist");
  await mkdir(join(rendererDist, "assets"), { recursive: true });
  await writeFile(join(rendererDist, "index.html"), "<!doctype html><head></head><div id=root></div>");
  await writeFile(join(rendererDist, "assets", "app-1.js"), "console.log('ui')");
  result = await bundleApp({ srcDir, outDir: join(root, "out"), rendererDist });
}, 180_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("bundleApp", () => {
  it("writes main.cjs, preload.cjs and a copy of the renderer beside them", async () => {
    expect(result.mainFile).toBe(join(root, "out", "main.cjs"));
    expect(result.preloadFile).toBe(join(root, "out", "preload.cjs"));
    expect(await readFile(join(root, "out", "renderer", "assets", "app-1.js"), "utf8")).toBe(
      "console.log('ui')",
    );
  });

  it("inlines our workspaces (the local sandbox and callback server) and keeps native modules outside", async () => {
    const inputs = result.mainInputs.join("\n");
    expect(inputs).toMatch(/sandbox\/src\//);
    expect(inputs).toMatch(/callback-server\/src\//);
    expect(inputs).toMatch(/wechat\/src\//);
    expect(inputs).not.toMatch(/node_modules\/(keytar|better-sqlite3)\//);
    const main = await readFile(result.mainFile, "utf8");
    for (const external of ["electron", "keytar", "better-sqlite3"])
      expect(main).toContain(`require("${external}")`);
    expect(main).not.toMatch(/import\("keytar"\)/);
  });

  it("the preload requires only electron and exposes only window.wxdesk, without ipcRenderer", async () => {
    const code = await readFile(result.preloadFile, "utf8");
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toMatch(/exposeInMainWorld\(\s*"wxdesk"/);

    const ipcRenderer = { invoke: async () => ({ ok: true }), on() {}, removeListener() {}, send() {} };
    const exposed: Array<{ key: string; api: unknown }> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
      ipcRenderer,
    };
    const required: string[] = [];
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      console,
      require: (name: string) => {
        required.push(name);
        if (name !== "electron") throw new Error(`the sandboxed preload cannot require ${name}`);
        return electron;
      },
    });
    expect(required).toEqual(["electron"]);
    expect(exposed.map(({ key }) => key)).toEqual(["wxdesk"]);

    const forbidden = new Set<unknown>([ipcRenderer, ...Object.values(ipcRenderer)]);
    const paths: string[] = [];
    const seen = new Set<unknown>();
    const walk = (value: unknown, path: string) => {
      if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value))
        return;
      seen.add(value);
      expect(forbidden.has(value), `${path} is ipcRenderer or one of its functions`).toBe(false);
      if (typeof value === "function") paths.push(path);
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
        if (descriptor && "value" in descriptor) walk(descriptor.value, `${path}.${String(key)}`);
      }
    };
    walk(exposed[0]?.api, "wxdesk");
    const methods = paths
      .filter((path) => path.split(".").length === 3)
      .map((path) => path.slice("wxdesk.".length));
    expect(methods.sort()).toEqual([...DESK_METHODS, "activity.subscribe"].sort());
  });

  it("the bundled main boots with a stand-in electron: window, IPC to the real DeskApi, clean quit", async () => {
    // The stand-in electron, bundled to CommonJS where the bundle's require("electron") finds it.
    await build({
      entryPoints: [join(import.meta.dirname, "testing", "fake-electron.ts")],
      outfile: join(root, "node_modules", "electron", "index.js"),
      bundle: true,
      platform: "node",
      format: "cjs",
      logLevel: "silent",
    });
    // The runner sits in the temp dir too, so its require("electron") finds the stand-in, not the real package.
    const runner = join(root, "boot-bundle-runner.cjs");
    await copyFile(join(import.meta.dirname, "testing", "boot-bundle-runner.cjs"), runner);
    const appData = join(root, "appData");
    const run = await promisify(execFile)(process.execPath, [runner, result.mainFile, appData], {
      cwd: root,
      // keytar and better-sqlite3 come from the repository's node_modules, like from the app's.
      env: { ...process.env, NODE_PATH: repoNodeModules, DBUS_SESSION_BUS_ADDRESS: "disabled:" },
      timeout: 120_000,
    }).catch((error: { code?: number; stdout?: string; stderr?: string }) => {
      throw new Error(`the bundle did not boot (exit ${error.code}): ${error.stdout}\n${error.stderr}`);
    });
    const stdout = run.stdout;
    const report = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
    expect(report.callLog.slice(0, 5)).toEqual([
      "app.setPath userData",
      "app.enableSandbox",
      "protocol.registerSchemesAsPrivileged",
      "app.requestSingleInstanceLock",
      "app.whenReady",
    ]);
    expect(report.webPreferences).toMatchObject({
      preload: join(root, "out", "preload.cjs"),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(report.loadedUrl).toBe("app://wxdesk/index.html");
    expect(report.userData).toBe(join(appData, "wxdesk"));
    expect(report.info).toMatchObject({ ok: true, result: { transport: "electron", version: "9.8.7" } });
    // keytar was found and loaded as a native module from node_modules (whether a keychain answers
    // on this machine is another matter).
    expect(String(report.info.result.keychain.reason ?? "")).not.toMatch(/Cannot find|MODULE_NOT_FOUND/);
    expect(report.badInput).toMatchObject({
      ok: false,
      error: { code: "bad_input", messageZh: expect.any(String) },
    });
    expect(report.quitPrevented).toBe(true);
  }, 180_000);

  it("refuses to bundle without the renderer's build, saying how to make it", async () => {
    await expect(
      bundleApp({ srcDir, outDir: join(root, "never"), rendererDist: join(root, "missing") }),
    ).rejects.toThrow(/npm run build -w @wxdesk\/renderer[\s\S]*npm run build -w @wxdesk\/renderer/);
  });
});
