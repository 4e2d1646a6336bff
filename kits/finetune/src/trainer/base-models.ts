import { UsageError } from "@path/kit-cli";

/** LLaMA-Factory's chat template for a base model family (its `template:` setting), by the model's name. */
const templates: Array<[pattern: RegExp, template: string]> = [
  [/qwen3/i, "qwen3"],
  [/qwen/i, "qwen"],
  [/llama-?3/i, "llama3"],
  [/glm-?4/i, "glm4"],
  [/mistral|mixtral/i, "mistral"],
  [/gemma/i, "gemma"],
  [/deepseek/i, "deepseek3"],
  [/yi-/i, "yi"],
];

export function llamaFactoryTemplate(base: string, given?: string): string {
  if (given) return given;
  const found = templates.find(([pattern]) => pattern.test(base))?.[1];
  if (!found) {
    throw new UsageError(
      `no LLaMA-Factory template known for ${base}; give one with --template (see LLaMA-Factory's README, "Supported Models")`,
    );
  }
  return found;
}

/** Rough GPU memory for LoRA and QLoRA training, from LLaMA-Factory's own hardware table. */
export function gpuNeeds(base: string): string {
  const billions = Number(/(\d+(?:\.\d+)?)b\b/i.exec(base)?.[1] ?? Number.NaN);
  if (Number.isNaN(billions)) {
    return "QLoRA (4-bit) needs about half a GB per billion parameters plus activations; 16-bit LoRA about 2 GB per billion.";
  }
  const qlora = Math.max(1, Math.ceil(billions / 2 + 1));
  const lora = Math.max(2, Math.ceil(billions * 2 + 2));
  return `${base} (${billions}B): about ${qlora} GB of GPU memory for QLoRA (4-bit), about ${lora} GB for 16-bit LoRA.`;
}
