import { join } from "node:path";
import { bundleApp, displayPath, sizeKiB } from "./bundle-app.js";

// `npm run bundle -w @wxdesk/electron` (part of `npm start` and `npm run dist`).
const srcDir = join(import.meta.dirname, "..");
const electronDir = join(srcDir, "..");
const repoDir = join(electronDir, "..");

try {
  const result = await bundleApp({
    srcDir,
    outDir: join(electronDir, "dist"),
    rendererDist: join(repoDir, "renderer", "dist"),
  });
  console.log(`已打包 / bundled:`);
  console.log(`  ${displayPath(result.mainFile)}  ${await sizeKiB(result.mainFile)} KiB`);
  console.log(`  ${displayPath(result.preloadFile)}  ${await sizeKiB(result.preloadFile)} KiB`);
  console.log(`  ${displayPath(result.rendererDir)}/`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
