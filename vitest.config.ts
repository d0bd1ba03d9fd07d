import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "wechat/src/**/*.test.ts",
      "sandbox/src/**/*.test.ts",
      "callback-server/src/**/*.test.ts",
      "callback-server/build/**/*.test.ts",
      "electron/src/**/*.test.ts",
      "renderer/src/**/*.test.{ts,tsx}",
      "bench/soak/**/*.test.ts",
      "checks/**/*.test.ts",
    ],
    // Integration tests start real servers on real ports; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
