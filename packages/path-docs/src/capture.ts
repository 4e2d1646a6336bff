/**
 * Regenerates every path page's captured output and quoted source, in English and 中文:
 *   npm run capture -w @path/path-docs
 * Run it after changing a kit; the docs test fails until the pages match what the kits print.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeBlock } from "./page-blocks.js";
import { repositoryRoot, runStep } from "./run-step.js";
import { sourceExcerpt } from "./source-excerpt.js";
import { steps } from "./steps.js";

for (const step of steps) {
  const output = await runStep(step);
  for (const folder of ["docs/path", "docs/zh/path"]) {
    const path = join(repositoryRoot, folder, `${step.id}.md`);
    let page = await readFile(path, "utf8");
    page = writeBlock(page, "captured", output, "text");
    page = writeBlock(page, "source", sourceExcerpt(step), "ts");
    await writeFile(path, page);
  }
  process.stdout.write(`captured ${step.id}\n`);
}
