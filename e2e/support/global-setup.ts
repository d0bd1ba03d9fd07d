import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRenderer, RENDERER_DIR_ENV } from "./renderer-build.js";

/**
 * Builds the renderer once per Playwright run (the desk tests serve it through the web bridge) into a
 * temp folder; the returned function (Playwright's teardown) removes it.
 */
export default async function globalSetup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "wxdesk-e2e-renderer-"));
  await buildRenderer(dir);
  process.env[RENDERER_DIR_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
