/** §7.1 limits. Name/key/url lengths are counted in UTF-8 bytes (the sheet's choice where WeChat is silent). */
export const MENU_LIMITS = {
  topButtons: 3,
  subButtons: 5,
  topNameBytes: 16,
  subNameBytes: 60,
  keyBytes: 128,
  urlBytes: 1024,
  urlDomains: 3,
} as const satisfies Record<string, number>;

/**
 * UTF-8 byte length without Buffer/TextEncoder so this folder also runs in a browser renderer.
 * A lone surrogate counts as 3 bytes, like the U+FFFD it would be encoded as.
 */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code < 0x10000) bytes += 3;
    else bytes += 4;
  }
  return bytes;
}
