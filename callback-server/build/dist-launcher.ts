import module from "node:module";

/**
 * `dist/server.js`: turns source maps on, then loads the bundle. Node reads a module's source map
 * only when support is on before that module loads, so it cannot be done inside the bundle itself;
 * this way plain `node server.js` prints production stack traces with `src/*.ts` lines.
 */
if (typeof module.setSourceMapsSupport === "function") module.setSourceMapsSupport(true);
else process.setSourceMapsEnabled(true); // Node 22.12–22.13

// A variable, not a literal: the bundle exists only in dist/, the typecheck must not look for it.
const bundle = "./bundle/server.js";
await import(bundle);
