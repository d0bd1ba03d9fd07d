/**
 * The current screen in the address's hash (`#users`), so a reload (F5 in the browser version, a
 * restart of the renderer) comes back to the same screen. Navigation state only: never data, never an
 * id of a user or a link. `replaceState` neither adds history entries nor counts as a navigation
 * (Electron's will-navigate guard is not involved).
 */
export function readScreenHash<Id extends string>(known: readonly Id[]): Id | undefined {
  if (typeof location === "undefined") return undefined;
  const hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  return known.find((id) => id === hash);
}

export function writeScreenHash(screen: string): void {
  if (typeof location === "undefined" || typeof history === "undefined") return;
  if (location.hash === `#${screen}`) return;
  history.replaceState(history.state, "", `#${screen}`);
}
