import { randomFillSync } from "node:crypto";

/** One CSPRNG call fills this many bytes; the requests of a callback take a few dozen. */
const POOL_BYTES = 4096;

let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `crypto.randomBytes(n)` drawn from a pooled buffer, as Node's own `randomUUID` does: each
 * `randomBytes` call is a trip into OpenSSL (and, on some virtual machines, a costly system call),
 * about 5 µs here whatever the size, and an OAuth flow asks six times. Every byte is handed out
 * once: a used pool is dropped, never refilled in place, so no earlier answer changes.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 4) return randomFillSync(Buffer.alloc(size));
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
