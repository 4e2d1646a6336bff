/** Each prompt twice on the same model, greedy with the same seed: without and with the adapter. */
import type { LoraAdapter, LoraModel } from "@path/local";

export interface LoraRow {
  prompt: string;
  base: string;
  adapted: string;
  /** False when the adapter left this answer as it was. */
  changed: boolean;
}

export interface LoraSampling {
  seed: number;
  maxTokens: number;
}

export async function runLoraComparison(
  model: LoraModel,
  adapter: LoraAdapter,
  prompts: string[],
  sampling: LoraSampling,
  onDone: (done: number) => void,
): Promise<LoraRow[]> {
  const rows: LoraRow[] = [];
  for (const prompt of prompts) {
    const base = await model.generate(prompt, sampling);
    const adapted = await model.generate(prompt, { ...sampling, adapters: [adapter] });
    rows.push({ prompt, base, adapted, changed: adapted !== base });
    onDone(rows.length);
  }
  return rows;
}
