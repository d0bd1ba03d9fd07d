import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAIN_EXTERNALS } from "./bundle-app.js";

/**
 * `npm run dist` cannot run here (it downloads Electron), so the packaging config is checked the way
 * electron-builder itself would load and validate it, plus what our bundle layout needs from it.
 */
const electronDir = join(import.meta.dirname, "..", "..");
const repoDir = join(electronDir, "..");
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  electronVersion?: string;
  /** electron-builder normalises the list into file sets. */
  files?: Array<string | { filter?: string[] }>;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  extraMetadata?: { main?: string };
  directories?: { buildResources?: string; output?: string };
  linux?: { target?: string[]; icon?: string };
  mac?: { target?: string; icon?: string };
  win?: { target?: string; icon?: string };
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
}

const builderConfig = require("app-builder-lib/out/util/config/config.js") as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(
    config: BuilderConfig,
    debugLogger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
};

const load = () => builderConfig.getConfig(electronDir, "../build/electron-builder.yml", null);

/** electron-builder's own translation of `electronFuses` into what it hands `@electron/fuses` (flipped before signing). */
const { PlatformPackager } = require("app-builder-lib") as {
  PlatformPackager: {
    prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<Record<string, unknown>> };
  };
};
const fuses = createRequire(require.resolve("app-builder-lib/package.json"))("@electron/fuses") as {
  FuseVersion: { V1: string };
  FuseV1Options: Record<string, number>;
};

describe("build/electron-builder.yml", () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await load();
    await expect(
      builderConfig.validateConfiguration(config, { isEnabled: false, add() {} }),
    ).resolves.toBeUndefined();
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } };
    await expect(builderConfig.validateConfiguration(broken, { isEnabled: false, add() {} })).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it("pins the installed Electron version", async () => {
    const installed = (
      JSON.parse(await readFile(require.resolve("electron/package.json"), "utf8")) as { version: string }
    ).version;
    expect((await load()).electronVersion).toBe(installed);
  });

  it("packages the bundle layout: dist/ with main.cjs as the entry, native modules unpacked and rebuilt", async () => {
    const config = await load();
    const electronPackage = JSON.parse(await readFile(join(electronDir, "package.json"), "utf8")) as {
      main: string;
    };
    expect(config.extraMetadata?.main).toBe("dist/main.cjs");
    expect(electronPackage.main).toBe("dist/main.cjs");
    const patterns = (config.files ?? []).flatMap((entry) =>
      typeof entry === "string" ? [entry] : (entry.filter ?? []),
    );
    expect(patterns).toEqual(["package.json", "dist/**/*", "!dist/**/*.map", "!node_modules/@wxdesk/**"]);
    expect(config.asarUnpack).toContain("**/*.node");
    expect(config.npmRebuild).toBe(true);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toContain("wxdesk");
  });

  it("flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspector; only the integrity-checked app.asar", async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar: the app must be packed into app.asar, or the packaged app would not start.
    expect(config.asar).toBe(true);
    const { FuseV1Options, FuseVersion } = fuses;
    const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses ?? {});
    expect(wire).toMatchObject({
      version: FuseVersion.V1,
      [String(FuseV1Options.RunAsNode)]: false,
      [String(FuseV1Options.EnableNodeOptionsEnvironmentVariable)]: false,
      [String(FuseV1Options.EnableNodeCliInspectArguments)]: false,
      [String(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)]: true,
      [String(FuseV1Options.OnlyLoadAppFromAsar)]: true,
      [String(FuseV1Options.GrantFileProtocolExtraPrivileges)]: false,
    });
  });

  it("builds AppImage + deb, dmg and nsis", async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(["AppImage", "deb"]);
    expect(config.mac?.target).toBe("dmg");
    expect(config.win?.target).toBe("nsis");
  });

  it("has a 512×512 PNG icon where every platform looks", async () => {
    const config = await load();
    const resources = join(electronDir, config.directories?.buildResources ?? "");
    expect(resources).toBe(join(repoDir, "build"));
    const png = await readFile(join(resources, "icons", "512x512.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // IHDR: width and height, big-endian, right after the 8-byte signature and the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(config.mac?.icon).toBe("icons/512x512.png");
    expect(config.win?.icon).toBe("icons/512x512.png");
    expect(config.linux?.icon).toBe("icons");
  });

  it("every module main.cjs leaves outside the bundle is a production dependency electron-builder will ship", async () => {
    const fromElectron = createRequire(join(electronDir, "package.json"));
    for (const external of MAIN_EXTERNALS.filter((name) => name !== "electron")) {
      expect(() => fromElectron.resolve(`${external}/package.json`), external).not.toThrow();
    }
    const electronPackage = JSON.parse(await readFile(join(electronDir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const serverPackage = JSON.parse(
      await readFile(join(repoDir, "callback-server", "package.json"), "utf8"),
    ) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(electronPackage.dependencies)).toContain("keytar");
    expect(Object.keys(serverPackage.dependencies)).toContain("better-sqlite3");
    expect(Object.keys(electronPackage.dependencies)).toContain("@wxdesk/callback-server");
  });
});
