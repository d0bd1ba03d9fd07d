import { readFile } from "node:fs/promises";
import type * as esbuild from "esbuild";

/**
 * axios reads `globalThis.FormData` (lib/utils.js) and `globalThis.Request` (lib/adapters/fetch.js,
 * probing for its fetch adapter) when it loads. In Node.js those globals are lazy: reading one loads
 * Node's own fetch implementation (undici's 750 KB bundle, with WebSocket and EventSource), 11 MB
 * resident in a server that never uses it — its requests go through the wechat package's own undici
 * adapter. In the bundle both lookups wait until they are needed: the FormData constructor until
 * `isFormData` is given something other than a plain object, the fetch probe until a request names
 * the `fetch` adapter. Neither happens in this server.
 *
 * Each patch is exact: if axios changes these lines, the build stops and says so, rather than
 * shipping the unpatched module unnoticed.
 */
interface SourcePatch {
  /** Ends the module's path, with `/` between folders. */
  file: string;
  replace: Array<{ from: string; to: string }>;
}

const lines = (...text: string[]) => text.join("\n");

export const AXIOS_PATCHES: readonly SourcePatch[] = [
  {
    file: "node_modules/axios/lib/utils.js",
    replace: [
      {
        from: "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;",
        to: lines(
          "let FormDataCtor;",
          "const formDataCtor = () =>",
          "  FormDataCtor === undefined ? (FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : null) : FormDataCtor;",
        ),
      },
      {
        // A FormData is never a plain object: refusing those first gives the same answers without the lookup.
        from: lines(
          "  if (FormDataCtor && thing instanceof FormDataCtor) return true;",
          "  // Reject plain objects inheriting directly from Object.prototype so prototype-pollution gadgets can't spoof FormData.",
          "  const proto = getPrototypeOf(thing);",
          "  if (!proto || proto === Object.prototype) return false;",
        ),
        to: lines(
          "  const proto = getPrototypeOf(thing);",
          "  if (!proto || proto === Object.prototype) return false;",
          "  if (formDataCtor() && thing instanceof FormDataCtor) return true;",
        ),
      },
    ],
  },
  {
    // axios itself reaches this module only through `getFetch` (lib/adapters/adapters.js), which
    // probes on the first request that names the `fetch` adapter; the default export was that probe
    // made at load.
    file: "node_modules/axios/lib/adapters/fetch.js",
    replace: [
      {
        from: lines("const adapter = getFetch();", "", "export default adapter;"),
        to: "export default getFetch;",
      },
    ],
  },
];

/** The patched source; throws when a line to replace is not found exactly once. */
export function applyPatch(patch: SourcePatch, source: string): string {
  let text = source.replace(/\r\n/g, "\n");
  for (const { from, to } of patch.replace) {
    if (text.split(from).length !== 2)
      throw new Error(
        `${patch.file} changed: "${from.split("\n")[0]?.trim()}" is not found once; ` +
          "update callback-server/build/axios-lazy-globals.ts for this axios version",
      );
    text = text.replace(from, () => to);
  }
  return text;
}

export const axiosLazyGlobals: esbuild.Plugin = {
  name: "wxdesk-axios-lazy-globals",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]axios[\\/]lib[\\/].*\.js$/ }, async (args) => {
      const path = args.path.split("\\").join("/");
      const patch = AXIOS_PATCHES.find((candidate) => path.endsWith(`/${candidate.file}`));
      if (!patch) return undefined;
      return { contents: applyPatch(patch, await readFile(args.path, "utf8")), loader: "js" };
    });
  },
};
