import { providerEntries } from "@path/core";
import { catalog } from "@path/local";

export interface ModelEntry {
  id: string;
  provider: string;
  kind: "text";
  ready: boolean;
  /** For a provider that is not set up: what to set. */
  why?: string;
}

/** A few more than each provider's default, where learners often want to compare. */
const extraModels: Record<string, string[]> = {
  openai: ["gpt-4o", "gpt-4.1-mini"],
  deepseek: ["deepseek-reasoner"],
};

/**
 * Every text model the picker offers: each provider's default (and a few more), ready when its
 * key or host is set, else saying what to set; the embedded models, always ready (the first use
 * downloads them); and the model the server was started with.
 */
export function textModels(startModel?: string): ModelEntry[] {
  const models: ModelEntry[] = [];
  for (const entry of providerEntries()) {
    if (entry.fallback || !entry.jobs.includes("text") || !entry.variables) continue;
    const ids = [entry.defaultModels.text, ...(extraModels[entry.id] ?? [])].filter(Boolean);
    const ready = entry.isConfigured();
    for (const id of ids) {
      models.push({
        id: `${entry.id}:${id}`,
        provider: entry.id,
        kind: "text",
        ready,
        ...(ready ? {} : { why: entry.setup }),
      });
    }
  }
  for (const model of catalog.filter((item) => item.job === "text")) {
    models.push({ id: `local:${model.id}`, provider: "local", kind: "text", ready: true });
  }
  if (startModel && !models.some((model) => model.id === startModel)) {
    const provider = startModel.split(":")[0] ?? startModel;
    models.unshift({ id: startModel, provider, kind: "text", ready: true });
  }
  return models;
}

/** The picker's first choice: the one asked for, else the first ready cloud model, else the embedded one. */
export function defaultTextModel(models: ModelEntry[], startModel?: string): string {
  if (startModel) return startModel;
  return (
    (
      models.find((model) => model.ready && model.provider !== "local") ??
      models.find((m) => m.ready)
    )?.id ?? "local:default"
  );
}
