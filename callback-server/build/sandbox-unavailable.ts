/**
 * Replaces `@wxdesk/sandbox` in the built server (dist/): the sandbox is a dev dependency and does
 * not ship. Importing this fails with the code `src/server.ts` turns into the "demo mode needs the
 * source checkout" message. esbuild evaluates a dynamically imported module only when the import
 * runs, so a normal start never reaches this throw.
 */
export {};

throw Object.assign(new Error("@wxdesk/sandbox is not part of the built server"), {
  code: "WXDESK_SANDBOX_NOT_BUNDLED",
});
