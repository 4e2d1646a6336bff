/**
 * A short list of good defaults for running on a laptop CPU. Sizes are what the hub showed
 * and are used for display and the disk-space check only; every download is verified
 * against the size and SHA-256 the hub publishes at download time.
 */
export interface CatalogModel {
  /** What to write after `local:`, e.g. `local:qwen2.5-0.5b-instruct`. */
  id: string;
  job: "text" | "embed";
  /** Hugging Face repository. */
  repo: string;
  /** File in the repository. */
  file: string;
  quantisation: string;
  /** Approximate size in bytes. */
  bytes: number;
  licence: string;
  /** What it is good for, in a sentence. */
  description: string;
}

export const catalog: readonly CatalogModel[] = [
  {
    id: "qwen2.5-0.5b-instruct",
    job: "text",
    repo: "Qwen/Qwen2.5-0.5B-Instruct-GGUF",
    file: "qwen2.5-0.5b-instruct-q4_k_m.gguf",
    quantisation: "Q4_K_M",
    bytes: 491_000_000,
    licence: "Apache-2.0",
    description:
      "Default chat model: small and fast on any CPU, Chinese and English, follows simple instructions and JSON schemas.",
  },
  {
    id: "qwen2.5-1.5b-instruct",
    job: "text",
    repo: "Qwen/Qwen2.5-1.5B-Instruct-GGUF",
    file: "qwen2.5-1.5b-instruct-q4_k_m.gguf",
    quantisation: "Q4_K_M",
    bytes: 1_120_000_000,
    licence: "Apache-2.0",
    description: "Noticeably better answers than 0.5B for about 3× the time and memory.",
  },
  {
    id: "bge-small-zh",
    job: "embed",
    repo: "CompendiumLabs/bge-small-zh-v1.5-gguf",
    file: "bge-small-zh-v1.5-q8_0.gguf",
    quantisation: "Q8_0",
    bytes: 26_500_000,
    licence: "MIT",
    description:
      "Default embedding model: tiny (512 dimensions, 512 tokens), strong on Chinese, fair on English.",
  },
  {
    id: "bge-m3",
    job: "embed",
    repo: "rbehzadan/bge-m3-gguf",
    file: "bge-m3-Q4_K_M.gguf",
    quantisation: "Q4_K_M",
    bytes: 438_000_000,
    licence: "MIT",
    description:
      "Multilingual embeddings (1024 dimensions, 8192 tokens): best for mixed Chinese/English search.",
  },
];

/** The model `local:default` means for each job when GENAI_LOCAL_MODEL is not set. */
export const catalogDefaults = { text: "qwen2.5-0.5b-instruct", embed: "bge-small-zh" } as const;

export function findCatalogModel(id: string): CatalogModel | undefined {
  return catalog.find((model) => model.id === id.toLowerCase());
}
