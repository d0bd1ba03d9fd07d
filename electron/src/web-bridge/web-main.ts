import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createDeskHost } from "../desk/create-desk-host.js";
import { adoptLegacyDataDir, bridgeDataDir, legacyBridgeDataDir } from "./data-dir.js";
import { startWebBridge } from "./start-web-bridge.js";

// `npm run web`: the DeskApi with the local sandbox started, served to a browser on loopback.
const electronDir = join(import.meta.dirname, "..", "..");
const rendererDir = join(electronDir, "..", "renderer", "dist");

function fail(zh: string, en: string): never {
  console.error(`${zh}\n${en}`);
  process.exit(1);
}

function chosenPort(): number {
  const raw = process.env.WXDESK_WEB_PORT?.trim();
  if (!raw) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    fail(
      `WXDESK_WEB_PORT 应是 1–65535 之间的端口号，现在是「${raw}」。`,
      `WXDESK_WEB_PORT must be a port number 1–65535, got "${raw}".`,
    );
  }
  return port;
}

const port = chosenPort();
const dataDir = bridgeDataDir();
const legacy = legacyBridgeDataDir();
const adopted = await adoptLegacyDataDir(legacy, dataDir);
await mkdir(dataDir, { recursive: true, mode: 0o700 });
const { version } = JSON.parse(await readFile(join(electronDir, "package.json"), "utf8")) as {
  version: string;
};

const host = await createDeskHost({
  dataDir,
  transport: "web",
  appVersion: version,
  startLocalSandbox: true,
});
let bridge: Awaited<ReturnType<typeof startWebBridge>>;
try {
  bridge = await startWebBridge({ host, rendererDir, port });
} catch (error) {
  await host.close();
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    fail(
      `端口 ${port} 已被占用，请换一个 WXDESK_WEB_PORT，或不设置它。`,
      `Port ${port} is in use: choose another WXDESK_WEB_PORT, or leave it unset.`,
    );
  }
  throw error;
}

console.log(`
wxdesk 网页版已启动（含本地沙箱）。请在浏览器中打开下面的链接——它只在本机有效，别分享给别人：
wxdesk is running in your browser (with the local sandbox). Open this link — it works on this machine only; do not share it:

  ${bridge.url}

数据目录（与桌面版相同）/ data folder (the desktop app's too): ${dataDir}
按 Ctrl+C 停止。 / Press Ctrl+C to stop.
`);
if (adopted === "moved") {
  console.log(
    `网页版以前的数据已从 ${legacy} 移到上面的数据目录。\nThe web version's earlier data moved from ${legacy} to the data folder above.\n`,
  );
} else if (adopted === "left") {
  console.log(
    `网页版以前的数据还在 ${legacy}，没有动它（上面的数据目录已经有内容）。需要时可设置 WXDESK_DATA_DIR=${legacy}。\nThe web version's earlier data is still in ${legacy}, untouched (the data folder above already has data). Set WXDESK_DATA_DIR=${legacy} to use it.\n`,
  );
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await bridge.close();
  await host.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
