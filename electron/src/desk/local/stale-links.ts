import type { MenuButton } from "@wxdesk/wechat";
import type { LiveMenu, StaleLink } from "../../desk-api.js";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The loopback port a link points at (this machine, any of its loopback names), if it does. */
function loopbackPort(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" || !LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return Number(parsed.port || 80);
}

function* leaves(buttons: readonly MenuButton[]): Generator<MenuButton> {
  for (const button of buttons) {
    if (button.sub_button && button.sub_button.length > 0) yield* leaves(button.sub_button);
    else yield button;
  }
}

/**
 * The published buttons whose link (a view button's URL, a mini program button's fallback URL) still
 * points at a port the local sandbox or its callback server had before it moved: those links open
 * nothing now. Ports it has again today are not stale.
 */
export function staleLinks(
  live: LiveMenu,
  formerPorts: readonly number[],
  currentPorts: readonly number[],
): StaleLink[] {
  const gone = new Set(formerPorts.filter((p) => !currentPorts.includes(p)));
  if (gone.size === 0) return [];
  const found: StaleLink[] = [];
  const visit = (buttons: readonly MenuButton[], conditionalMenuid?: string) => {
    for (const button of leaves(buttons)) {
      const port = button.url ? loopbackPort(button.url) : undefined;
      if (button.url && port !== undefined && gone.has(port)) {
        found.push({
          name: button.name,
          url: button.url,
          ...(conditionalMenuid ? { conditionalMenuid } : {}),
        });
      }
    }
  };
  visit(live.menu?.button ?? []);
  for (const c of live.conditional) visit(c.button, c.menuid);
  return found;
}
