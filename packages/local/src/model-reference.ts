/**
 * What a local model id names: a catalog entry, a `.gguf` file on disk, or a file in a
 * Hugging Face repository (`hf:owner/repo/file.gguf`, or `hf:owner/repo:Q4_K_M` to pick by
 * quantisation).
 */
import { homedir } from "node:os";
import { resolve } from "node:path";
import { InvalidInputError } from "@path/core";
import { type CatalogModel, catalog, findCatalogModel } from "./catalog.js";

export type ModelReference =
  | { kind: "file"; path: string }
  | { kind: "catalog"; model: CatalogModel }
  | { kind: "hub"; repo: string; file: string }
  | { kind: "hub-quant"; repo: string; quantisation: string };

export function parseModelReference(id: string): ModelReference {
  const trimmed = id.trim();
  if (trimmed.startsWith("hf:")) return parseHubReference(trimmed);
  const model = findCatalogModel(trimmed);
  if (model) return { kind: "catalog", model };
  if (/\.gguf$/i.test(trimmed) || /[/\\]/.test(trimmed) || trimmed.startsWith("~")) {
    return { kind: "file", path: resolve(trimmed.replace(/^~(?=$|[/\\])/, homedir())) };
  }
  throw new InvalidInputError(
    `Unknown local model "${trimmed}". Use a catalog id (${catalog.map((entry) => entry.id).join(", ")}), a path to a .gguf file, or hf:owner/repo/file.gguf / hf:owner/repo:Q4_K_M.`,
  );
}

function parseHubReference(id: string): ModelReference {
  const body = id.slice("hf:".length).replace(/^\/+/, "");
  const quantMatch = /^([^/\s:]+\/[^/\s:]+):([A-Za-z0-9_]+)$/.exec(body);
  if (quantMatch)
    return { kind: "hub-quant", repo: quantMatch[1]!, quantisation: quantMatch[2]!.toUpperCase() };
  const parts = body.split("/");
  if (
    parts.length >= 3 &&
    parts.every((part) => part !== "" && part !== "..") &&
    /\.gguf$/i.test(body)
  ) {
    return { kind: "hub", repo: `${parts[0]}/${parts[1]}`, file: parts.slice(2).join("/") };
  }
  if (parts.length === 2 && parts.every((part) => part !== "")) {
    return { kind: "hub-quant", repo: body, quantisation: "Q4_K_M" };
  }
  throw new InvalidInputError(
    `"${id}" is not a Hugging Face model reference: write hf:owner/repo/file.gguf or hf:owner/repo:Q4_K_M.`,
  );
}

/** A short name for messages: the catalog id, the hub file or the file's path. */
export function describeReference(reference: ModelReference): string {
  switch (reference.kind) {
    case "file":
      return reference.path;
    case "catalog":
      return reference.model.id;
    case "hub":
      return `hf:${reference.repo}/${reference.file}`;
    case "hub-quant":
      return `hf:${reference.repo}:${reference.quantisation}`;
  }
}
