import type { CreatedServiceKey, DeskApi, ServiceKeyView } from "../../desk-api.js";
import { createdServiceKeyShape, okShape, serviceKeysShape } from "../admin/admin-shapes.js";
import { clientFor, type DeskContext } from "../desk-context.js";

/** The active profile's service keys. `create` hands the key to the renderer once and keeps nothing. */
export function serviceKeysMethods(ctx: DeskContext): DeskApi["serviceKeys"] {
  return {
    async list(): Promise<ServiceKeyView[]> {
      return (await (await clientFor(ctx)).request({ path: "service-keys" }, serviceKeysShape)).keys;
    },
    async create(name: string): Promise<CreatedServiceKey> {
      const client = await clientFor(ctx);
      return client.request(
        { method: "POST", path: "service-keys", body: { name: name.trim() } },
        createdServiceKeyShape,
      );
    },
    async revoke(id: string): Promise<void> {
      const client = await clientFor(ctx);
      await client.request({ method: "DELETE", path: `service-keys/${encodeURIComponent(id)}` }, okShape);
    },
  };
}
