import { rm } from "node:fs/promises";
import { modelCacheDir } from "@path/core";
import { findCachedModel } from "../find-cached-model.js";
import { UsageError } from "./arguments.js";
import { printLine } from "./output.js";

export const removeHelp = `Usage: npm run local -- rm <id | hf:owner/repo/file.gguf | hf:owner/repo:QUANT>

Deletes a downloaded model (and any unfinished download of it) from the cache.
Files outside the cache are never deleted.`;

export async function remove(positionals: string[]): Promise<void> {
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("rm takes exactly one model id");
  const found = await findCachedModel(id, modelCacheDir());
  if (found.reference.kind === "file") {
    throw new UsageError(
      `${id} is a file outside the model cache; delete it yourself if you mean to`,
    );
  }
  if (!found.expectedPath) {
    printLine(`${id} is not in the cache; nothing to delete.`);
    return;
  }
  const partial = `${found.expectedPath}.part`;
  await rm(found.expectedPath, { force: true });
  await rm(partial, { force: true });
  printLine(
    found.path
      ? `Deleted ${found.path}`
      : `${id} was not downloaded; removed any partial download.`,
  );
}
