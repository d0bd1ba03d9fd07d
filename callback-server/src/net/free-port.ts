import { createServer } from "node:net";

/**
 * A free loopback port. A callback server on loopback (the desktop's local sandbox, tests, benches) must
 * know its public URL, port included, before it is built, so the port is chosen first; the caller
 * retries if another process takes it meanwhile.
 */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
