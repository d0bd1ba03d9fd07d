import { relative } from "node:path";
import { buildServerDist } from "./build-server-dist.js";

/**
 * `npm run build -w callback-server [-- --out <dir>]`: the deployable server in `dist/`. Run the
 * result with `npm install --omit=dev --ignore-scripts && npm start` inside that folder (see docs/deploy.md).
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--out");
  const outDir = at >= 0 ? argv[at + 1] : undefined;
  const built = await buildServerDist(outDir ? { outDir } : {});
  const where = relative(process.cwd(), built.outDir) || ".";
  console.log(`已生成 / Built: ${where}/`);
  for (const file of built.files) console.log(`  ${file}`);
  const deps = Object.entries(built.manifest.dependencies).map(([name, version]) => `${name}@${version}`);
  console.log(`运行时依赖 / Runtime dependencies: ${deps.join(", ")}`);
  console.log(`下一步 / Next: cd ${where} && npm install --omit=dev --ignore-scripts && npm start`);
}

main().catch((error: unknown) => {
  console.error("构建失败 / The build failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
