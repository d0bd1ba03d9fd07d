import { expect, type Page, type Response } from "@playwright/test";

/**
 * Everything the bridge sends the page: every response body from its origin, and every server-sent
 * event's data (read in the page, by wrapping EventSource before the bridge's script makes one: the
 * stream never ends, so its response body cannot be read from outside).
 */
export interface BridgeTraffic {
  /** Response bodies and event data received so far (awaits the bodies still arriving). */
  received(): Promise<{ bodies: string[]; events: string[] }>;
}

export async function recordBridgeTraffic(page: Page, origin: string): Promise<BridgeTraffic> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __e2eEvents: string[] }).__e2eEvents = seen;
    const add = EventTarget.prototype.addEventListener;
    const record = (event: Event) => {
      if (event instanceof MessageEvent) seen.push(String(event.data));
    };
    // Every listener the bridge's script puts on its EventSource gets a recorder beside it.
    EventSource.prototype.addEventListener = function (
      this: EventSource,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ) {
      add.call(this, type, record, options);
      add.call(this, type, listener, options);
    } as unknown as EventSource["addEventListener"];
  });
  const bodies: Promise<string>[] = [];
  const keep = (response: Response) => {
    if (!response.url().startsWith(origin)) return;
    const url = new URL(response.url());
    if (url.pathname === "/api/events") return; // read in the page instead (see above)
    bodies.push(response.text().catch(() => ""));
  };
  page.on("response", keep);
  return {
    async received() {
      const events = await page.evaluate(
        () => (window as unknown as { __e2eEvents?: string[] }).__e2eEvents ?? [],
      );
      return { bodies: await Promise.all(bodies), events };
    },
  };
}

/** What the page could leak: its markup, its text and every field's value, plus the bridge traffic so far. */
export interface SeenByPage {
  dom: string;
  bodies: string[];
  events: string[];
}

export async function seenByPage(page: Page, traffic: BridgeTraffic): Promise<SeenByPage> {
  const dom = await page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      document.body.textContent ?? "",
      ...[...document.querySelectorAll("input, textarea")].map((e) => (e as HTMLInputElement).value),
    ].join("\n"),
  );
  return { dom, ...(await traffic.received()) };
}

/** No secret in the page, in a bridge answer or in a live event (each secret long enough to mean it). */
export function expectNoSecrets(seen: SeenByPage, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(20);
    expect(seen.dom.includes(secret), "a secret is in the page").toBe(false);
    expect(seen.bodies.filter((b) => b.includes(secret)).length, "a secret is in a bridge answer").toBe(0);
    expect(seen.events.filter((e) => e.includes(secret)).length, "a secret is in a live event").toBe(0);
  }
}
