import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../shared/content-security-policy.js";
import { serveRendererFile } from "./app-protocol.js";

vi.mock("electron", () => import("./testing/fake-electron.js"));

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "wxdesk-protocol-"));
  rendererDir = join(root, "renderer");
  await mkdir(join(rendererDir, "assets"), { recursive: true });
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><title>wxdesk</title>");
  await writeFile(join(rendererDir, "assets", "app-1.js"), "console.log(1)");
  await writeFile(join(rendererDir, "assets", "app-1.css"), "body{}");
  await writeFile(join(root, "secret.txt"), "outside the renderer");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, method = "GET") => serveRendererFile(rendererDir, new Request(url, { method }));

describe("the CSP", () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it("allows scripts only from the app itself, never eval or inline", () => {
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("script-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("img-src")).toEqual(
      expect.arrayContaining(["'self'", "data:", "https://*.qlogo.cn"]),
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-eval");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
  });

  it("takes images only from the app, data: and WeChat's avatar hosts over https; frames nothing", () => {
    expect(directives.get("img-src")).toEqual(["'self'", "data:", "https://*.qlogo.cn"]);
    expect(directives.get("frame-src")).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/(^|\s)http:/);
  });
});

describe("serveRendererFile (app://wxdesk/)", () => {
  it("serves index.html for / and the entry URL, with the CSP", async () => {
    for (const url of ["app://wxdesk/", "app://wxdesk/index.html"]) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await response.text()).toContain("<title>wxdesk</title>");
    }
  });

  it("serves assets with their type and the CSP", async () => {
    const script = await get("app://wxdesk/assets/app-1.js");
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(await script.text()).toBe("console.log(1)");
    const style = await get("app://wxdesk/assets/app-1.css");
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("puts the CSP on a 404 too", async () => {
    const response = await get("app://wxdesk/nothing-here.js");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    "app://wxdesk/../secret.txt",
    "app://wxdesk/%2e%2e/secret.txt",
    "app://wxdesk/..%2fsecret.txt",
    "app://wxdesk/assets/..%2f..%2fsecret.txt",
    "app://wxdesk/%00index.html",
    "app://other-host/index.html",
  ])("never reads outside renderer/: %s", async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("outside the renderer");
  });

  it("answers only GET and HEAD", async () => {
    expect((await get("app://wxdesk/index.html", "POST")).status).toBe(405);
    const head = await get("app://wxdesk/index.html", "HEAD");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("does not serve the web bridge's script: in Electron the preload defines window.wxdesk", async () => {
    expect((await get("app://wxdesk/bridge.js")).status).toBe(404);
    expect(await (await get("app://wxdesk/")).text()).not.toContain("bridge.js");
  });
});
