import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AppInstance, startInstances } from "../../testing/app-instances.js";
import { sandboxPerTest } from "../../testing/sandbox-per-test.js";
import { redisUrlForTests, storeBackends, TEST_SERVICE_KEY } from "../../testing/test-server.js";

/** Service keys made, listed and revoked by admins; the ones in WXDESK_SERVICE_KEYS stay. */

const t = sandboxPerTest("wxdesk-service-keys-");

interface KeyView {
  id: string;
  name: string;
  source: "settings" | "admin";
  createdAt?: number;
  lastUsedAt?: number;
  key?: string;
}
interface Answer<T> {
  status: number;
  body: T & { error?: { code: string; messageZh: string; field?: string } };
  text: string;
}

async function call<T>(
  instance: AppInstance,
  method: string,
  path: string,
  key: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(`${instance.server.url}/admin/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Answer<T>["body"], text };
}

const admin = (i: AppInstance) => i.ctx.config.adminKey ?? "";
const list = async (i: AppInstance) =>
  (await call<{ keys: KeyView[] }>(i, "GET", "/service-keys", admin(i))).body.keys;
const create = (i: AppInstance, name: string) =>
  call<KeyView>(i, "POST", "/service-keys", admin(i), { name });
const readToken = (i: AppInstance, key: string) =>
  call<{ access_token?: string }>(i, "GET", "/wechat/access-token", key);

describe("service keys from the admin API", () => {
  it("create: the key is in that one answer only; listed without it; it reads the token; stored only as a hash", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    const created = await create(a, "订单系统");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "订单系统", source: "admin" });
    const key = created.body.key ?? "";
    expect(key).toMatch(/^wxsk_[A-Za-z0-9_-]{43}$/);

    const keys = await list(a);
    expect(keys.map((k) => [k.name, k.source])).toEqual([
      ["WXDESK_SERVICE_KEYS #1", "settings"],
      ["订单系统", "admin"],
    ]);
    const listed = JSON.stringify(keys);
    expect(listed).not.toContain(key);
    expect(listed).not.toContain(TEST_SERVICE_KEY);
    expect(keys.every((k) => !("key" in k) && !("hash" in k))).toBe(true);

    expect((await readToken(a, key)).status).toBe(200);
    // Last use shows, to the hour.
    const used = (await list(a)).find((k) => k.id === created.body.id);
    expect(used?.lastUsedAt).toBeGreaterThan(0);

    // Nowhere on disk in plain text: not in the database, its WAL, or any other file of the data folder.
    for (const file of readdirSync(t.dir.path)) {
      const bytes = readFileSync(join(t.dir.path, file));
      expect({ file, holds: bytes.includes(key) }).toEqual({ file, holds: false });
      expect({ file, holds: bytes.includes(key.slice(5, 30)) }).toEqual({ file, holds: false });
    }
  });

  it("revoke: the next request with the key gets 401; revoking again is 404; the event names no key", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    const created = await create(a, "CRM");
    const key = created.body.key ?? "";
    expect((await readToken(a, key)).status).toBe(200);
    const revoked = await call<{ ok: boolean }>(a, "DELETE", `/service-keys/${created.body.id}`, admin(a));
    expect(revoked).toMatchObject({ status: 200, body: { ok: true } });
    expect((await readToken(a, key)).status).toBe(401);
    expect((await list(a)).map((k) => k.name)).toEqual(["WXDESK_SERVICE_KEYS #1"]);
    const again = await call(a, "DELETE", `/service-keys/${created.body.id}`, admin(a));
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe("unknown_service_key");

    const events = (await a.ctx.store.listEvents({ limit: 50 })).filter((e) => e.type === "service_key");
    expect(events.map((e) => e.data)).toEqual([
      { kind: "created", id: created.body.id, name: "CRM", by: "admin" },
      { kind: "revoked", id: created.body.id, name: "CRM", by: "admin" },
    ]);
    expect(JSON.stringify(events)).not.toContain(key);
  });

  it("keys from WXDESK_SERVICE_KEYS work and cannot be revoked through the API (409, they keep working)", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    const settingsKey = (await list(a)).find((k) => k.source === "settings");
    expect(settingsKey?.id).toMatch(/^env-[0-9a-f]{12}$/);
    const refused = await call(a, "DELETE", `/service-keys/${settingsKey?.id}`, admin(a));
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("service_key_in_settings");
    expect(refused.body.error?.messageZh).toContain("WXDESK_SERVICE_KEYS");
    expect((await readToken(a, TEST_SERVICE_KEY)).status).toBe(200);
  });

  it("names: blank, too long or with control characters → 400; the same name twice (any case) → 409", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    for (const name of ["", "   ", "x".repeat(65), "a\nb", "tab\there"]) {
      const answer = await create(a, name);
      expect({ name, status: answer.status }).toEqual({ name, status: 400 });
      expect(answer.body.error?.field).toBe("body.name");
    }
    expect((await create(a, "Shop")).status).toBe(201);
    const twice = await create(a, " shop ");
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe("service_key_name_taken");
    expect((await create(a, "wxdesk_service_keys #1")).status).toBe(409);
  });

  it("the support key and service keys may not manage keys (403)", async () => {
    const [a] = await startInstances(t, { count: 1 });
    if (!a) throw new Error("one instance");
    for (const key of [a.ctx.config.supportKey ?? "", TEST_SERVICE_KEY]) {
      expect((await call(a, "GET", "/service-keys", key)).status).toBe(403);
      expect((await call(a, "POST", "/service-keys", key, { name: "x" })).status).toBe(403);
    }
  });
});

describe.each(storeBackends(redisUrlForTests()))("several instances on one store ($name)", ({ redisUrl }) => {
  it("a key made on one instance works on the others at once, and a revoke anywhere ends it everywhere", async () => {
    const instances = await startInstances(t, { count: 3, redisUrl });
    const [a, b, c] = instances as [AppInstance, AppInstance, AppInstance];
    const key = (await create(a, "报表")).body;
    for (const i of instances) expect((await readToken(i, key.key ?? "")).status).toBe(200);
    expect((await call(b, "DELETE", `/service-keys/${key.id}`, admin(b))).status).toBe(200);
    for (const i of [a, b, c]) expect((await readToken(i, key.key ?? "")).status).toBe(401);
  });
});
