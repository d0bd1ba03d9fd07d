import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../testing/test-server.js";
import { Browser, fullJourney, startOAuthHarness } from "./testing/oauth-test-harness.js";

describe("the sandbox demo restarted on the same data folder", () => {
  it("completes its first journey after the restart (the sandbox never hands out a code twice)", async () => {
    // What `npm run server -- --sandbox` keeps between runs: the SQLite file and the generated secrets.
    const dir = tempDir("wxdesk-restart-");
    const config = {
      sessionSecret: randomBytes(32).toString("hex"),
      tokenKey: randomBytes(32).toString("hex"),
    };
    try {
      for (const run of ["first run", "after the restart"]) {
        // A new sandbox each run, with the same (default) seed, as the demo starts it.
        const h = await startOAuthHarness({ dataDir: dir.path, config });
        try {
          const user = h.users.find((u) => !u.snapshot);
          const journey = await fullJourney(h, new Browser(), { openid: user?.openid ?? "", next: "/after" });
          expect({ run, status: journey.callback.status }).toEqual({ run, status: 302 });
          expect(journey.callback.headers.get("location")).toBe("/after");
        } finally {
          await h.close();
        }
      }
    } finally {
      dir.remove();
    }
  });
});
