import fc from "fast-check";

/** The origins the tests' policy allows (`publicUrl` and WXDESK_NEXT_ALLOW). */
export const PUBLIC_ORIGINS = ["https://auth.example.cn", "https://shop.example.cn"];

/**
 * Test-only: `next` values built from the pieces open-redirect tricks are made of — slashes and
 * backslashes, dot segments, their percent-encodings (once and twice, either case), tab/CR/LF,
 * `;`, `@`, `:`, schemes and hosts, allowed and not.
 */
const PIECES = [
  "/",
  "//",
  "\\",
  ".",
  "..",
  "%2e",
  "%2E",
  "%2e%2e",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%252f",
  "%255c",
  "\t",
  "\n",
  "\r",
  "%09",
  "%0a",
  "%0d",
  " ",
  ";",
  "@",
  ":",
  "?",
  "#",
  "&",
  "=",
  "%",
  "evil.com",
  "auth.example.cn",
  "shop.example.cn",
  "auth.example.cn.evil.com",
  "https:",
  "http:",
  "javascript:",
  "data:",
  "HTTPS:",
  "a",
  "b",
];

/** How tricks usually begin: a path, a dot segment, an encoded one, a scheme, an allowed URL. */
const STARTS = ["", "/", "/.", "/..", "/a/..", "/%2e", "/%2E%2E", "https://auth.example.cn/", "https:", "//"];
const HOSTS = ["", "evil.com", "evil.com/x", "auth.example.cn", "shop.example.cn@evil.com"];

export const nextStrings: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...STARTS),
    fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 6 }),
    fc.constantFrom(...HOSTS),
  )
  .map(([start, pieces, host]) => `${start}${pieces.join("")}${host}`);

/** Plain paths (letters, digits, `-_`, one slash between segments) with a simple query. */
export const paths: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/), { minLength: 0, maxLength: 4 }),
    fc.option(fc.stringMatching(/^[a-z]{1,5}=[A-Za-z0-9]{0,5}$/), { nil: undefined }),
  )
  .map(([segments, query]) => `/${segments.join("/")}${query === undefined ? "" : `?${query}`}`);
