/**
 * Regenerates every path page's captured output, quoted source and media, in English and 中文:
 *   npm run capture -w @path/path-docs
 * Run it after changing a kit; the docs test fails until the pages match what the kits print.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { mediaBlock, mediaFolder } from "./media-block.js";
import { writeBlock } from "./page-blocks.js";
import { repositoryRoot, runStep } from "./run-step.js";
import { sourceExcerpt } from "./source-excerpt.js";
import { steps } from "./steps.js";

await mkdir(join(repositoryRoot, mediaFolder), { recursive: true });
for (const step of steps) {
  const run = await runStep(step);
  for (const [name, bytes] of run.media) {
    await writeFile(join(repositoryRoot, mediaFolder, name), bytes);
  }
  for (const [folder, language] of [
    ["docs/path", "en"],
    ["docs/zh/path", "zh"],
  ] as const) {
    const path = join(repositoryRoot, folder, `${step.id}.md`);
    let page = await readFile(path, "utf8");
    page = writeBlock(page, "captured", run.text, "text");
    page = writeBlock(page, "source", sourceExcerpt(step, language), "ts");
    if (step.media) {
      if (!page.includes("<!-- media -->")) {
        page = page.replace(
          "<!-- /captured -->\n",
          "<!-- /captured -->\n\n<!-- media -->\n<!-- /media -->\n",
        );
      }
      page = writeBlock(page, "media", mediaBlock(step, language));
    }
    await writeFile(path, page);
  }
  process.stdout.write(`captured ${step.id}\n`);
}
