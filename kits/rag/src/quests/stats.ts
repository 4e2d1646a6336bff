/** Quest: what the index holds — files, chunks, tokens, vectors, the embedding model. */

import { formatBytes, formatTable, parseCommandArgs, printJson } from "@path/kit-cli";
import { indexFlags, openStore, sharedHelp } from "./index-option.js";

export const help = `Usage: npm run rag -- stats [options]

What the index holds: files, chunks, tokens, vectors, the embedding model it was built with,
the files that could not be read, and the index file's size.

Options:
${sharedHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, indexFlags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const index = await openStore(values);
  try {
    const stats = await index.stats();
    if (values.json) {
      printJson(stats);
      return 0;
    }
    const rows = [
      ["files", String(stats.files)],
      ["chunks", String(stats.chunks)],
      ["tokens", String(stats.tokens)],
      ["vectors", String(stats.vectors)],
      ["embedding model", stats.embedModel ?? "none yet"],
      ["dimensions", stats.dimensions === undefined ? "-" : String(stats.dimensions)],
      [
        "index",
        `${stats.location}${stats.bytes === undefined ? "" : ` (${formatBytes(stats.bytes)})`}`,
      ],
    ];
    process.stdout.write(`${formatTable(rows)}\n`);
    if (stats.failedFiles.length > 0) {
      process.stdout.write(`\ncould not be read (${stats.failedFiles.length}):\n`);
      for (const path of stats.failedFiles) process.stdout.write(`  ${path}\n`);
    }
    return 0;
  } finally {
    await index.close();
  }
}
