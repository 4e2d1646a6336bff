/** One side of the check bench, run in its own process so its peak memory is its own. */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { checkDataset } from "../src/check/check-dataset.js";

const [mode, file] = process.argv.slice(2) as [string, string];
const start = performance.now();
let examples = 0;
if (mode === "check") {
  const report = await checkDataset({ train: file, maxTokens: 65_536 });
  examples = report.files[0]?.examples ?? 0;
} else if (mode === "parse-lines") {
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (line) {
      JSON.parse(line);
      examples += 1;
    }
  }
} else {
  // What a script that loads the file whole does: every example in memory at once.
  const all = (await readFile(file, "utf8"))
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  examples = all.length;
}
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({ examples, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
