import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs: the same build is loaded from file:// or a custom protocol (Electron) and from
  // the web bridge's loopback server.
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2023",
    // Keep every script and style in files so a strict CSP (`script-src 'self'`) works: nothing inline.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
