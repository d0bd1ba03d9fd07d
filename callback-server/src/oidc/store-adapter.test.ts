import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { errors } from "oidc-provider";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "../crypto/token-cipher.js";
import { RedisStore } from "../store/redis-store.js";
import { SqliteStore } from "../store/sqlite-store.js";
import type { Store } from "../store/store-types.js";
import {
  dropRedisPrefix,
  redisUrlForTests,
  storeBackends,
  tempDir,
  testRedisPrefix,
} from "../testing/test-server.js";
import { StoreAdapter } from "./store-adapter.js";

const OPTIONS = { revokedGrantTtlS: 3600, cipher: createTokenCipher(randomBytes(32).toString("hex")) };

describe.each(storeBackends(redisUrlForTests()))(
  "oidc-provider adapter over the Store ($name)",
  ({ redisUrl }) => {
    let stores: Store[];
    let cleanup: () => Promise<void>;
    /** A second instance (process) on the same data: what another server would see. */
    let open: () => Store;

    beforeEach(() => {
      if (redisUrl) {
        const keyPrefix = testRedisPrefix();
        open = () => new RedisStore({ url: redisUrl, keyPrefix });
        cleanup = () => dropRedisPrefix(redisUrl, keyPrefix);
      } else {
        const dir = tempDir("wxdesk-oidc-adapter-");
        open = () => new SqliteStore({ path: join(dir.path, "wxdesk.db") });
        cleanup = async () => dir.remove();
      }
      stores = [open(), open()];
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await cleanup();
    });

    const adapter = (model: string, instance = 0) =>
      new StoreAdapter(model, stores[instance] as Store, OPTIONS);

    it("keeps payloads across instances; a session is found by its uid too; destroy forgets", async () => {
      await adapter("Session").upsert("s1", { uid: "u1", accountId: "oA" }, 3600);
      expect(await adapter("Session", 1).find("s1")).toEqual({ uid: "u1", accountId: "oA" });
      expect(await adapter("Session", 1).findByUid("u1")).toEqual({ uid: "u1", accountId: "oA" });
      expect(await adapter("Session").findByUid("nope")).toBeUndefined();
      await adapter("Session", 1).destroy("s1");
      expect(await adapter("Session").find("s1")).toBeUndefined();
      expect(await adapter("Session").findByUid("u1")).toBeUndefined();
    });

    it("consume marks once; a second consume revokes the grant and is refused as a replay", async () => {
      await adapter("Grant").upsert("g1", { accountId: "oA", clientId: "shop" }, 3600);
      await adapter("AuthorizationCode").upsert("c1", { grantId: "g1", clientId: "shop" }, 60);
      await adapter("AccessToken").upsert("a1", { grantId: "g1" }, 3600);
      await adapter("AuthorizationCode").consume("c1");
      const consumed = await adapter("AuthorizationCode", 1).find("c1");
      expect(typeof consumed?.consumed).toBe("number");

      await expect(adapter("AuthorizationCode", 1).consume("c1")).rejects.toBeInstanceOf(errors.InvalidGrant);
      expect(await adapter("AuthorizationCode").find("c1")).toBeUndefined();
      expect(await adapter("AccessToken").find("a1")).toBeUndefined();
      expect(await adapter("Grant").find("g1")).toBeUndefined();
    });

    it("of many consumes at once, on two instances, exactly one wins", async () => {
      await adapter("AuthorizationCode").upsert("c2", { grantId: "g2", clientId: "shop" }, 60);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => adapter("AuthorizationCode", i % 2).consume("c2")),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const lost of outcomes.filter((o) => o.status === "rejected")) {
        expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(errors.InvalidGrant);
      }
    });

    it("a pushed request used twice is refused as an invalid request_uri", async () => {
      await adapter("PushedAuthorizationRequest").upsert("p1", { clientId: "shop" }, 60);
      await adapter("PushedAuthorizationRequest").consume("p1");
      await expect(adapter("PushedAuthorizationRequest", 1).consume("p1")).rejects.toBeInstanceOf(
        errors.InvalidRequestUri,
      );
    });

    it("revokeByGrantId hides every token of the grant, also one written afterwards, not other models", async () => {
      await adapter("AccessToken").upsert("a3", { grantId: "g3" }, 3600);
      await adapter("Interaction").upsert("i3", { grantId: "g3", uid: "i3" }, 600);
      await adapter("AccessToken").upsert("a4", { grantId: "g4" }, 3600);
      await adapter("AccessToken", 1).revokeByGrantId("g3");
      expect(await adapter("AccessToken").find("a3")).toBeUndefined();
      await adapter("AuthorizationCode").upsert("c3", { grantId: "g3" }, 60);
      expect(await adapter("AuthorizationCode").find("c3")).toBeUndefined();
      // An interaction only remembers the grant of the session it started in: it stays.
      expect(await adapter("Interaction").find("i3")).toEqual({ grantId: "g3", uid: "i3" });
      expect(await adapter("AccessToken").find("a4")).toEqual({ grantId: "g4" });
    });
  },
);
