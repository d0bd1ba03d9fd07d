// Preloaded (`node --import`) into a built server under test: at exit, each process (the cluster's
// primary and every worker) writes the Node.js built-ins it loaded (`process.moduleLoadList`, one
// per line) to `<pid>.txt` in the folder WXDESK_TEST_MODULE_REPORT names.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.env.WXDESK_TEST_MODULE_REPORT;
if (folder)
  process.on("exit", () =>
    writeFileSync(join(folder, `${process.pid}.txt`), process.moduleLoadList.join("\n")),
  );
