import { join } from "node:path";
import { createDeskHost } from "../desk/create-desk-host.js";
import { startDesktopApp } from "./desktop-app.js";

// Entry of the bundle (dist/main.cjs): esbuild replaces import.meta.dirname with the bundle's folder,
// where the preload and the renderer's build sit beside it (see bundle-app.ts).
void startDesktopApp({
  createDeskHost,
  rendererDir: join(import.meta.dirname, "renderer"),
  preloadPath: join(import.meta.dirname, "preload.cjs"),
});
