import { modelCacheDir } from "@path/core";
import { catalog } from "../catalog.js";
import { findCachedModel } from "../find-cached-model.js";
import { formatBytes } from "../format-bytes.js";
import { listCachedFiles } from "../model-cache.js";
import { printLine, printTable } from "./output.js";

export const modelsListHelp = `Usage: npm run local -- models list [--json]

Lists the catalog (with what is already downloaded) and every other model file in the cache.
The cache is GENAI_CACHE_DIR, else ~/.cache/genai-path/models.`;

export async function modelsList(flags: Set<string>): Promise<void> {
  const cacheDir = modelCacheDir();
  const cached = await listCachedFiles(cacheDir);
  const rows = await Promise.all(
    catalog.map(async (model) => {
      const found = await findCachedModel(model.id, cacheDir);
      const partial = cached.find(
        (file) => file.partial && found.expectedPath && file.path === `${found.expectedPath}.part`,
      );
      const state = found.path
        ? "downloaded"
        : partial
          ? `partial (${formatBytes(partial.bytes)})`
          : "-";
      return { model, state, path: found.expectedPath };
    }),
  );
  const catalogPaths = new Set(rows.map((row) => row.path));
  const others = cached.filter(
    (file) => !catalogPaths.has(file.partial ? file.path.slice(0, -5) : file.path),
  );
  if (flags.has("--json")) {
    printLine(
      JSON.stringify(
        { cacheDir, catalog: rows.map(({ model, state }) => ({ ...model, state })), cached },
        null,
        2,
      ),
    );
    return;
  }
  printTable([
    ["ID", "JOB", "SIZE", "QUANT", "LICENCE", "STATE", "WHAT FOR"],
    ...rows.map(({ model, state }) => [
      model.id,
      model.job,
      formatBytes(model.bytes),
      model.quantisation,
      model.licence,
      state,
      model.description,
    ]),
  ]);
  if (others.length > 0) {
    printLine();
    printTable([
      ["OTHER CACHED FILES", "SIZE", "STATE"],
      ...others.map((file) => [
        `hf:${file.name}`,
        formatBytes(file.bytes),
        file.partial ? "partial" : "downloaded",
      ]),
    ]);
  }
  printLine();
  printLine(`Cache: ${cacheDir}`);
}
