const embeddingName = /(^|[/_:.-])(bge|e5|gte)([/_:.-]|$)|minilm|embed/i;

/**
 * Whether the fakes treat a model as an embedding model, by name: ids containing "bge", "e5" or
 * "gte" as a word, "MiniLM" or "embed" (e.g. `BAAI/bge-small-en-v1.5`, `nomic-embed-text`).
 */
export function looksLikeEmbeddingModel(name: string): boolean {
  return embeddingName.test(name);
}
