/**
 * How WeChat's chat screen shows a button name: it cuts with "..." after about 4 Chinese characters on
 * the bottom bar and about 8 in a sub-menu (§7.1, [D]). Measured in half-width units: a CJK/full-width
 * character is 2, ASCII is 1.
 */
const LIMITS = { top: 8, sub: 16 } as const;

function width(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x1100 ? 1 : 2;
}

export function displayName(name: string, level: "top" | "sub"): string {
  const limit = LIMITS[level];
  const chars = [...name];
  const total = chars.reduce((sum, c) => sum + width(c), 0);
  if (total <= limit) return name;
  let used = 0;
  let out = "";
  for (const char of chars) {
    if (used + width(char) > limit) break;
    used += width(char);
    out += char;
  }
  return `${out}...`;
}
