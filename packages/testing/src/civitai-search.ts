/** `GET /api/v1/models` on the fake Civitai: filters, sort, limit and cursor pagination. */
import type { FakeCivitaiModel } from "./civitai-catalog.js";

const modelTypes = [
  "Checkpoint",
  "TextualInversion",
  "Hypernetwork",
  "AestheticGradient",
  "LORA",
  "LoCon",
  "DoRA",
  "Controlnet",
  "Upscaler",
  "MotionModule",
  "VAE",
  "Poses",
  "Wildcards",
  "Workflows",
  "Detection",
  "Other",
];

const baseModels = [
  "SD 1.4",
  "SD 1.5",
  "SD 1.5 LCM",
  "SD 2.0",
  "SD 2.1",
  "SDXL 1.0",
  "SDXL Turbo",
  "SDXL Lightning",
  "SD 3",
  "SD 3.5",
  "Pony",
  "Illustrious",
  "NoobAI",
  "Flux.1 S",
  "Flux.1 D",
  "Other",
];

const sorts = ["Highest Rated", "Most Downloaded", "Newest"];

type Query = Record<string, string | string[]>;

/** Repeated parameters and comma-separated lists both work, as on Civitai. */
function list(query: Query, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((item) =>
    item.split(",").map((part) => part.trim()),
  );
}

function single(query: Query, key: string): string | undefined {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
}

export type SearchResult =
  | { error: string }
  | { models: FakeCivitaiModel[]; metadata: { nextCursor?: string; nextPage?: string } };

export function searchCivitaiModels(
  models: FakeCivitaiModel[],
  query: Query,
  origin: string,
): SearchResult {
  const types = list(query, "types");
  const bad = types.find((type) => !modelTypes.includes(type));
  if (bad)
    return {
      error: `Invalid enum value. Expected ${modelTypes.join(" | ")}, received '${bad}' (types)`,
    };
  const bases = list(query, "baseModels");
  const badBase = bases.find((base) => !baseModels.includes(base));
  if (badBase)
    return {
      error: `Invalid enum value. Expected ${baseModels.join(" | ")}, received '${badBase}' (baseModels)`,
    };
  const sort = single(query, "sort") ?? "Highest Rated";
  if (!sorts.includes(sort))
    return {
      error: `Invalid enum value. Expected ${sorts.join(" | ")}, received '${sort}' (sort)`,
    };
  const limitText = single(query, "limit") ?? "100";
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return { error: `limit must be a whole number from 1 to 100, received '${limitText}'` };
  }
  const text = single(query, "query")?.toLowerCase();
  if (text !== undefined && single(query, "page") !== undefined) {
    return { error: "Cannot use page param with query search. Use cursor-based pagination." };
  }
  const nsfw = single(query, "nsfw") === "true";
  const tag = single(query, "tag")?.toLowerCase();
  const username = single(query, "username")?.toLowerCase();

  const matching = models.filter(
    (model) =>
      (nsfw || !model.nsfw) &&
      (types.length === 0 || types.includes(model.type)) &&
      (bases.length === 0 || model.versions.some((version) => bases.includes(version.baseModel))) &&
      (!text ||
        model.name.toLowerCase().includes(text) ||
        (model.tags ?? []).some((item) => item.toLowerCase().includes(text))) &&
      (!tag || (model.tags ?? []).some((item) => item.toLowerCase() === tag)) &&
      (!username || model.creator?.toLowerCase() === username),
  );
  const key = (model: FakeCivitaiModel) =>
    sort === "Most Downloaded"
      ? (model.downloadCount ?? 0)
      : sort === "Newest"
        ? model.id
        : (model.thumbsUpCount ?? 0);
  matching.sort((a, b) => key(b) - key(a));

  const start = Number(single(query, "cursor") ?? "0") || 0;
  const page = matching.slice(start, start + limit);
  const metadata: { nextCursor?: string; nextPage?: string } = {};
  if (start + limit < matching.length) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name === "cursor") continue;
      for (const item of Array.isArray(value) ? value : [value]) next.append(name, item);
    }
    metadata.nextCursor = String(start + limit);
    next.set("cursor", metadata.nextCursor);
    metadata.nextPage = `${origin}/api/v1/models?${next}`;
  }
  return { models: page, metadata };
}
