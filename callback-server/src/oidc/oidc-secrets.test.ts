import { existsSync, readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api } from "../routes/admin/testing/users-test-kit.js";
import type { OAuthHarness } from "../routes/oauth/testing/oauth-test-harness.js";
import { APP_CALLBACK, SHOP, signInToApp, startOidcHarness } from "./testing/oidc-test-kit.js";

/**
 * The OpenID Connect side of the secrets audit: a server with its request log captured, an app
 * made through the admin API, sign-ins — then the secrets of the run are looked for in the log and
 * in the SQLite file's raw bytes: client secrets, private signing keys, codes, tokens.
 */

const lines: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  },
});
let h: OAuthHarness;
const secrets = new Map<string, string>();

beforeAll(async () => {
  h = await startOidcHarness({ app: { logger: { level: "trace", stream } } });
  const person = h.users.find((u) => !u.snapshot);
  if (!person) throw new Error("no fixture person");
  const made = await api<{ app: { clientId: string }; clientSecret: string }>(h, "POST", "/apps", {
    body: { name: "审计应用", redirectUris: [APP_CALLBACK] },
  });
  secrets.set("admin-made client secret", made.body.clientSecret);
  secrets.set("configured client secret", SHOP.clientSecret ?? "");
  for (const app of [SHOP, { clientId: made.body.app.clientId, clientSecret: made.body.clientSecret }]) {
    const { tokens, trip } = await signInToApp(h, app, { scope: "openid profile", openid: person.openid });
    secrets.set(`code for ${app.clientId}`, trip.appUrl?.searchParams.get("code") ?? "");
    secrets.set(`access token for ${app.clientId}`, tokens.access_token);
    secrets.set(`id_token signature for ${app.clientId}`, String(tokens.id_token).split(".")[2] ?? "");
  }
  const rotated = await api<{ clientSecret: string }>(h, "POST", `/apps/${made.body.app.clientId}/secret`);
  secrets.set("rotated client secret", rotated.body.clientSecret);
  for (const record of await h.ctx.store.listRecords("oidc-signing-keys")) {
    const { sealed } = JSON.parse(record.value) as { sealed: string };
    secrets.set(
      `private key ${record.id}`,
      (JSON.parse(h.ctx.cipher.decrypt(sealed as never)) as { d: string }).d,
    );
  }
  await h.ctx.store.close();
});
afterAll(async () => h?.close());

it("the run made what it should have: secrets to look for, and log lines for the /oidc/ requests", () => {
  for (const [name, value] of secrets)
    expect({ name, length: value.length > 16 }).toEqual({ name, length: true });
  const paths = lines.map(
    (line) => (JSON.parse(line) as { path?: string; req?: { path?: string } }).path ?? "",
  );
  expect(paths.some((p) => p.startsWith("/oidc/auth"))).toBe(true);
  expect(paths.some((p) => p === "/oidc/token")).toBe(true);
});

it("the request log holds no client secret, private key, code or token — and no query string", () => {
  const log = lines.join("\n");
  for (const [name, value] of secrets)
    expect({ name, inLog: log.includes(value) }).toEqual({ name, inLog: false });
  expect(log).not.toMatch(/code_challenge|client_secret=|[?&]code=/);
});

it("the SQLite file holds none of them readable: secrets and keys sealed, codes and tokens only hashed", () => {
  const files = ["", "-wal", "-shm"].map((suffix) => `${h.config.dbPath}${suffix}`).filter(existsSync);
  expect(files.length).toBeGreaterThan(0);
  const bytes = files.map((file) => readFileSync(file).toString("latin1")).join("");
  expect(bytes).toContain("oidc:AccessToken:");
  for (const [name, value] of secrets)
    expect({ name, stored: bytes.includes(value) }).toEqual({ name, stored: false });
});
