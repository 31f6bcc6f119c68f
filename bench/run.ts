// `npm run bench [-- <name filter>]`: runs every bench/*.bench.ts in turn (each exports `run()`), printing
// figures. Benchmarks measure and print; they assert nothing about speed (docs/performance-notes.md "Targets").
// Add a benchmark by dropping a `<name>.bench.ts` file with `export async function run(): Promise<void>` here.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

async function main() {
  const filter = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
  const dir = import.meta.dirname;
  const files = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".bench.ts") && (!filter || file.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches "${filter}". Available: ${fs.readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).join(", ")}`);
    process.exit(2);
  }
  let failed = 0;
  for (const file of files) {
    console.log(`\n━━ ${file}`);
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<void> };
      if (typeof mod.run !== "function") throw new Error(`${file} does not export run()`);
      await mod.run();
      console.log(`   (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.error(`✗ ${file} failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
    }
  }
  process.exit(failed ? 1 : 0);
}

main();
