import { rm } from "node:fs/promises";
import { modelCacheDir } from "@path/core";
import { parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { findCachedModel } from "../find-cached-model.js";
import { findCatalogVoice } from "../speech/voice-catalog.js";
import { removeVoice } from "../speech/voice-files.js";

export const help = `Usage: npm run local -- rm <id | hf:owner/repo/file.gguf | hf:owner/repo:QUANT> [--json]

Deletes a downloaded model or voice (and any unfinished download of it) from the cache.
Files outside the cache are never deleted.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("rm takes exactly one model id");
  const voice = findCatalogVoice(id);
  if (voice) {
    const deleted = await removeVoice(voice, modelCacheDir());
    if (values.json) printJson({ id, deleted });
    else
      process.stdout.write(
        deleted
          ? `Deleted the voice ${voice.id}\n`
          : `${id} is not in the cache; removed any partial download.\n`,
      );
    return 0;
  }
  const found = await findCachedModel(id, modelCacheDir());
  if (found.reference.kind === "file") {
    throw new UsageError(
      `${id} is a file outside the model cache; delete it yourself if you mean to`,
    );
  }
  if (found.expectedPath) {
    await rm(found.expectedPath, { force: true });
    await rm(`${found.expectedPath}.part`, { force: true });
  }
  if (values.json) printJson({ id, deleted: found.path ?? null });
  else if (!found.expectedPath)
    process.stdout.write(`${id} is not in the cache; nothing to delete.\n`);
  else if (found.path) process.stdout.write(`Deleted ${found.path}\n`);
  else process.stdout.write(`${id} was not downloaded; removed any partial download.\n`);
  return 0;
}
