import type { Site } from "./site.js";

/** A small valid menu (one view button on the site itself): what an admin publishes from the desktop. */
function soakMenu(site: Site, round: number) {
  return { button: [{ type: "view", name: `首页${round}`, url: site.url("/").href }] };
}

/**
 * `PUT /admin/api/menu` with the admin key: menu/create goes out with the global access_token.
 * Resolves to the answer's status (0 = no answer), never throws.
 */
export async function publishMenu(site: Site, adminKey: string, round: number): Promise<number> {
  try {
    const response = await fetch(site.route(site.url("/admin/api/menu")), {
      method: "PUT",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: JSON.stringify(soakMenu(site, round)),
      signal: AbortSignal.timeout(60_000),
    });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}
