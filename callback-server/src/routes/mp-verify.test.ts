import { afterAll, beforeAll, expect, it } from "vitest";
import type { AppContext } from "../app-context.js";
import { createAppContext } from "../context/create-app-context.js";
import { type Listening, listen, tempDir, testConfig } from "../testing/test-server.js";

let dir: ReturnType<typeof tempDir>;
let ctx: AppContext;
let server: Listening;

beforeAll(async () => {
  dir = tempDir();
  ctx = await createAppContext(
    testConfig("http://127.0.0.1:9", dir.path, {
      mpVerify: { name: "MP_verify_Ab12Cd34.txt", content: "Ab12Cd34" },
    }),
  );
  server = await listen(ctx);
});

afterAll(async () => {
  await server.close();
  await ctx.close();
  dir.remove();
});

it("serves the MP verify file as plain text at the root", async () => {
  const response = await fetch(`${server.url}/MP_verify_Ab12Cd34.txt`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  expect(await response.text()).toBe("Ab12Cd34");
  expect((await fetch(`${server.url}/MP_verify_other.txt`)).status).toBe(404);
});
