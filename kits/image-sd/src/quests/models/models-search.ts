/** `models search "<query>"`: Civitai's model search as a table (or JSON). */
import {
  formatBytes,
  formatTable,
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
} from "@path/kit-cli";
import { createCivitaiClient } from "../../civitai/civitai-client.js";
import type { CivitaiModel, CivitaiModelVersion } from "../../civitai/civitai-types.js";
import { approximateBytes, primaryFileOf } from "../../civitai/primary-file.js";
import {
  civitaiBaseModel,
  civitaiModelType,
  civitaiSort,
  sortChoices,
  typeChoices,
} from "../../civitai/search-options.js";
import { formatCount } from "./model-format.js";

export const searchHelp = `Usage: npm run image -- models search "<query>" [options]

Searches Civitai's models and lists them: name, type, base model, version id, downloads and
the size of the file \`models get\` would download. Safe-for-work models only unless --nsfw.

Options:
  --type <type>         ${typeChoices.join(", ")}
                        (repeat for several)
  --base-model <name>   "SD 1.5", SDXL, Pony, Illustrious, Flux, or any name Civitai uses
                        ("SDXL 1.0", "Flux.1 D", …); repeat for several
  --sort <order>        ${sortChoices.map((sort) => `"${sort}"`).join(", ")} (default "Highest Rated")
  --limit <n>           how many models, 1–100 (default 10)
  --cursor <c>          the next page, as printed after a full page
  --nsfw                include NSFW models
  --json                print the rows as JSON
  --debug               show stack traces on errors
  -h, --help            this help

Example:
  npm run image -- models search "pixel art" --type lora --base-model sdxl --sort "Most Downloaded"`;

/** One row of the table, also what --json prints. */
export interface SearchRow {
  modelId: number;
  name: string;
  type: string;
  creator: string | undefined;
  baseModel: string | undefined;
  versionId: number | undefined;
  versionName: string | undefined;
  downloads: number | undefined;
  file: { name: string; sizeBytes: number; sha256: string | undefined } | undefined;
  page: string;
}

export async function runSearch(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    type: { type: "string", multiple: true },
    "base-model": { type: "string", multiple: true },
    sort: { type: "string" },
    limit: { type: "string" },
    cursor: { type: "string" },
    nsfw: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(`${searchHelp}\n`);
    return 0;
  }
  const query = positionals.join(" ").trim();
  const limit = parseIntegerFlag("limit", values.limit, 1, 100) ?? 10;
  const baseModels = (values["base-model"] ?? []).map(civitaiBaseModel);
  const client = createCivitaiClient();
  const reply = await client.searchModels({
    query: query || undefined,
    types: (values.type ?? []).map(civitaiModelType),
    baseModels,
    sort: values.sort === undefined ? undefined : civitaiSort(values.sort),
    limit,
    nsfw: values.nsfw ?? false,
    cursor: values.cursor,
  });
  const rows = reply.items.map((model) =>
    searchRow(model, baseModels, client.pageUrl(model.id, undefined)),
  );
  const nextCursor = reply.metadata?.nextCursor;
  if (values.json) {
    printJson({ items: rows, nextCursor: nextCursor ?? null });
    return 0;
  }
  if (rows.length === 0) {
    process.stderr.write(`no models found${query ? ` for "${query}"` : ""}; try fewer filters\n`);
    return 0;
  }
  process.stdout.write(`${formatTable(rows.map(tableCells), { header, maxCellWidth: 40 })}\n`);
  process.stderr.write("download one: npm run image -- models get <version>\n");
  if (nextCursor !== undefined && nextCursor !== null && rows.length >= limit) {
    process.stderr.write(`more results: add --cursor ${nextCursor}\n`);
  }
  return 0;
}

const header = ["name", "type", "base model", "version", "downloads", "size"];

function tableCells(row: SearchRow): string[] {
  return [
    row.name,
    row.type,
    row.baseModel ?? "-",
    row.versionId === undefined ? "-" : String(row.versionId),
    formatCount(row.downloads),
    row.file ? formatBytes(row.file.sizeBytes, { binary: true }) : "-",
  ];
}

/** The version to show: the newest one on a requested base model, else the newest. */
function chosenVersion(model: CivitaiModel, baseModels: string[]): CivitaiModelVersion | undefined {
  return (
    model.modelVersions.find((version) => baseModels.includes(version.baseModel)) ??
    model.modelVersions[0]
  );
}

export function searchRow(model: CivitaiModel, baseModels: string[], page: string): SearchRow {
  const version = chosenVersion(model, baseModels);
  const file = primaryFileOf(version);
  return {
    modelId: model.id,
    name: model.name,
    type: model.type,
    creator: model.creator?.username,
    baseModel: version?.baseModel,
    versionId: version?.id,
    versionName: version?.name,
    downloads: model.stats?.downloadCount,
    file: file && {
      name: file.name,
      sizeBytes: approximateBytes(file),
      sha256: file.hashes?.SHA256?.toLowerCase(),
    },
    page: version ? `${page}?modelVersionId=${version.id}` : page,
  };
}
