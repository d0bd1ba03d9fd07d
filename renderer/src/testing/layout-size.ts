/**
 * happy-dom lays nothing out, so every element measures 0×0 and a virtualized list (users, activity)
 * shows no rows. `giveLayoutSize` makes every element report a scroll box of this size;
 * `dropLayoutSize` takes it back (call it in afterEach, after unmounting).
 */
export function giveLayoutSize(width = 900, height = 600): void {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => width });
}

export function dropLayoutSize(): void {
  Reflect.deleteProperty(HTMLElement.prototype, "clientHeight");
  Reflect.deleteProperty(HTMLElement.prototype, "clientWidth");
}
