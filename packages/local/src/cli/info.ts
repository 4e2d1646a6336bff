import { modelCacheDir } from "@path/core";
import { formatBytes, formatTable, printJson, UsageError } from "@path/kit-cli";
import { findCachedModel } from "../find-cached-model.js";
import { inspectModelFile } from "../inspect-model-file.js";

export const infoHelp = `Usage: npm run local -- info <file.gguf | downloaded id> [--json]

Reads a GGUF file's header (the model is not loaded): architecture, parameters, size, context
length, quantisation and whether it carries a chat template.`;

export async function info(positionals: string[], flags: Set<string>): Promise<void> {
  const [id] = positionals;
  if (!id || positionals.length > 1)
    throw new UsageError("info takes exactly one file or model id");
  const found = await findCachedModel(id, modelCacheDir());
  const path = found.path ?? found.expectedPath;
  if (!path)
    throw new UsageError(`${id} is not downloaded; run \`npm run local -- pull ${id}\` first`);
  const model = await inspectModelFile(path);
  if (flags.has("--json")) {
    printJson(model);
    return;
  }
  const rows = [
    ["file", model.path],
    ["size", `${formatBytes(model.bytes)} (${model.bytes} bytes)`],
    ["architecture", model.architecture ?? "unknown"],
    ["name", model.name ?? "-"],
    ["parameters", formatCount(model.parameters)],
    ["quantisation", model.quantisation ?? "unknown"],
    [
      "context length",
      model.contextLength === undefined ? "unknown" : `${model.contextLength} tokens`,
    ],
    ["layers", String(model.layers ?? "unknown")],
    ["embedding length", String(model.embeddingLength ?? "unknown")],
    [
      "vocabulary",
      model.vocabularySize === undefined ? "unknown" : `${model.vocabularySize} tokens`,
    ],
    ["chat template", model.hasChatTemplate ? "yes" : "no (chat will use a generic format)"],
    ["gguf", `version ${model.ggufVersion}, ${model.tensorCount} tensors`],
  ];
  process.stdout.write(`${formatTable(rows)}\n`);
}

function formatCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(2)} B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)} M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)} K`;
  return String(count);
}
