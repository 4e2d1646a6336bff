/** Quest: take one file out of the index (its chunks go; vectors no chunk uses are deleted). */
import { closestMatch, InvalidInputError } from "@path/core";
import { parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { indexFlags, openStore, sharedHelp } from "./index-option.js";

export const help = `Usage: npm run rag -- forget <path> [options]

Removes a file and its passages from the index. The path is as \`stats\` and \`search\` show it
(relative to the folder you ingested); the end of a path is enough when only one file ends so.
The next ingest of a folder that still has the file adds it again.

Options:
${sharedHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, indexFlags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const typed = positionals.join(" ").trim();
  if (!typed) throw new UsageError("say which file: npm run rag -- forget notes/old.md");
  const index = await openStore(values);
  try {
    const path = storedPath(await index.paths(), typed);
    await index.forget(path);
    const vectors = await index.dropUnusedVectors();
    if (values.json) printJson({ forgotten: path, vectorsDeleted: vectors });
    else process.stdout.write(`forgot ${path} (${vectors} vectors deleted)\n`);
    return 0;
  } finally {
    await index.close();
  }
}

/** The index's own name for the file: exact, or the one stored path that ends with it. */
function storedPath(paths: string[], typed: string): string {
  const wanted = typed.replaceAll("\\", "/").replace(/^\.\//, "");
  if (paths.includes(wanted)) return wanted;
  const endings = paths.filter(
    (path) => wanted.endsWith(`/${path}`) || path.endsWith(`/${wanted}`),
  );
  if (endings.length === 1) return endings[0] as string;
  if (endings.length > 1) {
    throw new InvalidInputError(
      `${typed} could be ${endings.slice(0, 4).join(", ")}: give more of the path.`,
    );
  }
  const near = closestMatch(wanted, paths);
  throw new InvalidInputError(
    `The index has no file ${typed}${near ? `; did you mean ${near}?` : ""}: \`npm run rag -- stats\` counts them, \`search\` shows their paths.`,
  );
}
