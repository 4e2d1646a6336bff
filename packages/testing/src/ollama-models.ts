import { createHash } from "node:crypto";
import { fakeCreated } from "./chat-completion.js";
import { looksLikeEmbeddingModel } from "./embedding-model-name.js";

/** `nomic-embed-text` → `nomic-embed-text:latest`; names with a tag are kept. */
export function withTag(name: string): string {
  const afterSlash = name.slice(name.lastIndexOf("/") + 1);
  return afterSlash.includes(":") ? name : `${name}:latest`;
}

/** A deterministic hex digest for a model name. */
export function modelDigest(name: string): string {
  return createHash("sha256").update(withTag(name)).digest("hex");
}

/** Ollama's `created_at`/`modified_at` timestamp for the fakes. */
export const ollamaTimestamp = new Date(fakeCreated * 1000).toISOString();

function details(name: string) {
  const family = withTag(name).split(/[:.\d-]/)[0] || "llama";
  return {
    parent_model: "",
    format: "gguf",
    family,
    families: [family],
    parameter_size: looksLikeEmbeddingModel(name) ? "137M" : "494M",
    quantization_level: "Q4_K_M",
  };
}

/** One entry of `GET /api/tags`. */
export function modelEntry(name: string) {
  const tagged = withTag(name);
  return {
    name: tagged,
    model: tagged,
    modified_at: ollamaTimestamp,
    size: 397_821_319,
    digest: modelDigest(name),
    details: details(name),
  };
}

/** The body of `POST /api/show`. */
export function showResponse(name: string) {
  const embedding = looksLikeEmbeddingModel(name);
  return {
    modelfile: `FROM ${withTag(name)}\n`,
    parameters: embedding ? "" : 'stop "<|im_end|>"',
    template: embedding ? "{{ .Prompt }}" : "{{ .System }}\n{{ .Prompt }}",
    details: details(name),
    model_info: { "general.architecture": details(name).family, "general.parameter_count": 1 },
    capabilities: embedding ? ["embedding"] : ["completion"],
    modified_at: ollamaTimestamp,
  };
}

/** The NDJSON progress lines of a pull, ending in `{"status":"success"}`. */
export function pullProgress(name: string): object[] {
  const digest = modelDigest(name);
  const total = 397_821_319;
  return [
    { status: "pulling manifest" },
    { status: `pulling ${digest.slice(0, 12)}`, digest: `sha256:${digest}`, total },
    {
      status: `pulling ${digest.slice(0, 12)}`,
      digest: `sha256:${digest}`,
      total,
      completed: total,
    },
    { status: "verifying sha256 digest" },
    { status: "writing manifest" },
    { status: "success" },
  ];
}
