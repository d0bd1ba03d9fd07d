import { describe, expect, it } from "vitest";
import { Site } from "./site.js";

describe("Site (the soak's load balancer)", () => {
  const site = () => new Site("http://127.0.0.1:9000", ["http://127.0.0.1:9001", "http://127.0.0.1:9002"]);

  it("sends public-origin requests to the instances in turn, path and query kept; other origins untouched", () => {
    const s = site();
    const url = s.url("/oauth/callback?code=c&state=s");
    expect([s.route(url), s.route(url)]).toEqual([
      "http://127.0.0.1:9001/oauth/callback?code=c&state=s",
      "http://127.0.0.1:9002/oauth/callback?code=c&state=s",
    ]);
    expect(s.route(new URL("http://127.0.0.1:7100/connect/oauth2/authorize?x=1"))).toBe(
      "http://127.0.0.1:7100/connect/oauth2/authorize?x=1",
    );
  });

  it("skips an instance marked down; a new visitor waits while none is up", async () => {
    const s = site();
    s.markDown(0);
    expect(new Set([s.route(s.url("/")), s.route(s.url("/"))])).toEqual(new Set(["http://127.0.0.1:9002/"]));
    s.markDown(1);
    let waited = false;
    const visitor = s.whenUp().then(() => {
      waited = true;
    });
    await Promise.resolve();
    expect(waited).toBe(false);
    s.markUp(1);
    await visitor;
    expect(waited).toBe(true);
  });
});
