/**
 * The public address journeys use, spread over the server instances that are up: a load balancer
 * in miniature. Each request to the public origin goes to the next live instance in turn, so one
 * journey's start, callback and landing may each reach a different instance (they share the
 * store). An instance marked down (as a health check would, right after a kill) gets no new
 * requests; requests already sent to it fail as they would behind a real balancer.
 */
export class Site {
  readonly #instances: { url: string; up: boolean }[];
  #turn = 0;
  #waiting: (() => void)[] = [];

  constructor(
    /** What the servers call themselves (WXDESK_PUBLIC_URL): redirects and callbacks name it. */
    readonly origin: string,
    instanceUrls: string[],
  ) {
    this.#instances = instanceUrls.map((url) => ({ url, up: true }));
  }

  /** The URL to send a request for `url` to: a public-origin URL goes to a live instance. */
  route(url: URL): string {
    if (url.origin !== this.origin) return url.href;
    const live = this.#instances.filter((instance) => instance.up);
    // None up: send it anyway (to the first); it fails like a request to a dead balancer pool.
    const target = live.length > 0 ? live[this.#turn++ % live.length] : this.#instances[0];
    return new URL(`${url.pathname}${url.search}`, target?.url).href;
  }

  /** A URL on the public origin, as the site's own pages would link it. */
  url(path: string): URL {
    return new URL(path, this.origin);
  }

  markDown(index: number): void {
    const instance = this.#instances[index];
    if (instance) instance.up = false;
  }

  markUp(index: number): void {
    const instance = this.#instances[index];
    if (instance) instance.up = true;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  /** Resolves when some instance is up: a new visitor waits out a total outage rather than spin on it. */
  async whenUp(): Promise<void> {
    while (!this.#instances.some((instance) => instance.up)) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  get instanceUrls(): string[] {
    return this.#instances.map((instance) => instance.url);
  }
}
