/** `models show <versionId>`: a model version's files with sizes and hashes. */
import { formatBytes, formatTable, parseCommandArgs, printJson } from "@path/kit-cli";
import { createCivitaiClient } from "../../civitai/civitai-client.js";
import type { CivitaiModelVersion } from "../../civitai/civitai-types.js";
import { approximateBytes, pickFile } from "../../civitai/primary-file.js";
import { parseVersionId } from "./version-id.js";

export const showHelp = `Usage: npm run image -- models show <versionId> [--json]

Shows a Civitai model version: its model, base model, trigger words, and every file with its
size and SHA-256 (the file marked * is the one \`models get\` downloads).

<versionId> is the number after modelVersionId= in a model page's address, or the
"version" column of \`models search\`; the whole address works too.

Options:
  --json       print Civitai's reply as JSON
  --debug      show stack traces on errors
  -h, --help   this help`;

export async function runShow(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {});
  if (values.help) {
    process.stdout.write(`${showHelp}\n`);
    return 0;
  }
  const versionId = parseVersionId(positionals[0], "show");
  const client = createCivitaiClient();
  const version = await client.getModelVersion(versionId);
  if (values.json) printJson(version);
  else process.stdout.write(`${describeVersion(version, client.pageUrl.bind(client))}\n`);
  return 0;
}

export function describeVersion(
  version: CivitaiModelVersion,
  pageUrl: (modelId: number, versionId?: number) => string,
): string {
  const model = version.model;
  const lines = [
    `${model?.name ?? "model"} — ${version.name}  (${[model?.type, version.baseModel].filter(Boolean).join(", ")})`,
    `version ${version.id}${version.modelId === undefined ? "" : ` · model ${version.modelId} · ${pageUrl(version.modelId, version.id)}`}`,
  ];
  if (version.trainedWords?.length) {
    lines.push(`trigger words: ${version.trainedWords.join(", ")}`);
  }
  const primary = version.files.length > 0 ? pickFile(version) : undefined;
  lines.push("", "files:");
  const rows = version.files.map((file) => [
    file === primary ? "*" : " ",
    file.name,
    file.type,
    [file.metadata?.format, file.metadata?.size, file.metadata?.fp].filter(Boolean).join(" "),
    formatBytes(approximateBytes(file), { binary: true }),
    `SHA256 ${file.hashes?.SHA256 ?? "(not published)"}`,
  ]);
  lines.push(rows.length > 0 ? indent(formatTable(rows, { maxCellWidth: 60 })) : "  (none)");
  return lines.join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
