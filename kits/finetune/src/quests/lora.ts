/**
 * Quest: what does a LoRA adapter do to a model? The embedded model (llama.cpp) answers the same
 * prompts without and with the adapter, greedy with the same seed, side by side.
 *
 *   npm run finetune -- lora --model local:qwen2.5-0.5b-instruct --adapter my-lora.gguf "你好"
 *   npm run finetune -- lora --model ./models/base.gguf --adapter my-lora.gguf --scale 0.5 --prompts prompts.txt
 */
import { access } from "node:fs/promises";
import {
  formatTable,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { openLoraModel } from "@path/local";
import { loraPrompts } from "../lora/lora-prompts.js";
import { type LoraRow, runLoraComparison } from "../lora/run-lora-comparison.js";

export const help = `Usage: npm run finetune -- lora --model <model> --adapter <lora.gguf> [options] "prompt" ["prompt" …]

Runs a GGUF model in this process (llama.cpp) and asks it each prompt twice, at temperature 0
with the same seed: as it is, and with the LoRA adapter applied. Shows the answers side by
side. The adapter must be a GGUF LoRA made for this base model (llama.cpp's
convert_lora_to_gguf.py turns a PEFT adapter into one; see \`trainer\`).

Options:
      --model <model>      local:<catalog id> (e.g. local:qwen2.5-0.5b-instruct, pulled first
                           with \`npm run local -- pull\`), or a path to a .gguf file
      --adapter <file>     the LoRA adapter (.gguf)
      --scale <n>          how much of the adapter to apply, 0 to 4 (default 1; 0 = none)
      --prompts <file>     more prompts, one per line (UTF-8)
      --seed <n>           the sampling seed both runs get (default 1)
      --max-tokens <n>     longest answer, in tokens (default 64)
      --json               print the comparison as one JSON object
      --debug              show stack traces on errors
  -h, --help               this help

Examples:
  npm run finetune -- lora --model local:qwen2.5-0.5b-instruct --adapter my-lora.gguf "你好"
  npm run finetune -- lora --model ./base.gguf --adapter my-lora.gguf --scale 0.5 --prompts prompts.txt --json`;

const flags = {
  model: { type: "string" },
  adapter: { type: "string" },
  scale: { type: "string" },
  prompts: { type: "string" },
  seed: { type: "string" },
  "max-tokens": { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const example = 'npm run finetune -- lora --model local:<model> --adapter my-lora.gguf "你好"';
  if (!values.model) throw new UsageError(`--model is needed: ${example}`);
  if (!values.adapter) throw new UsageError(`--adapter is needed: ${example}`);
  const modelId = localModelId(values.model);
  const scale = parseNumberFlag("scale", values.scale, 0, 4) ?? 1;
  const seed = parseIntegerFlag("seed", values.seed, 0, 2_147_483_647) ?? 1;
  const maxTokens = parseIntegerFlag("max-tokens", values["max-tokens"], 1, 4096) ?? 64;
  const prompts = await loraPrompts(positionals, values.prompts);
  const adapterPath = values.adapter;
  await access(adapterPath).catch(() => {
    throw new UsageError(`cannot read --adapter ${adapterPath}: no such file, or no permission`);
  });

  const progress = progressLine();
  const show = (label: string, fraction: number) => {
    if (!values.json) progress.update(label, { fraction });
  };
  show(`loading ${values.model}`, 0);
  const rows = await openLoraModel(modelId)
    .then((model) =>
      runLoraComparison(
        model,
        { path: values.adapter as string, scale },
        prompts,
        { seed, maxTokens },
        (done) => show(`asked ${done}/${prompts.length}`, done / prompts.length),
      ),
    )
    .finally(() => progress.end("erase"));

  const result = { model: values.model, adapter: values.adapter, scale, seed, maxTokens, rows };
  if (values.json) printJson(result);
  else process.stdout.write(summary(rows, scale));
  return 0;
}

/** `local:<id>` or a bare id or path; another provider's model cannot take a llama.cpp adapter. */
function localModelId(model: string): string {
  const match = /^([a-z][a-z0-9-]*):(?![\\/])/i.exec(model);
  if (!match || match[1]?.length === 1) return model; // a path, or a Windows drive letter
  if (match[1] === "local") return model.slice("local:".length);
  throw new UsageError(
    `lora runs the model in this process: give --model local:<catalog id> or a path to a .gguf file, not ${model} (a hosted fine-tune is compared with \`compare\`)`,
  );
}

function summary(rows: LoraRow[], scale: number): string {
  const width = Math.max(60, process.stdout.columns ?? 120);
  const oneLine = (text: string) => text.replace(/\s+/g, " ").trim() || "(empty)";
  const table = formatTable(
    rows.map((row) => [oneLine(row.prompt), oneLine(row.base), oneLine(row.adapted)]),
    {
      header: ["prompt", "base", `adapted (scale ${scale})`],
      maxCellWidth: Math.floor((width - 10) / 3),
      separator: " │ ",
      rule: true,
    },
  );
  const changed = rows.filter((row) => row.changed).length;
  return `${table}\n\nthe adapter changed ${changed} of ${rows.length} answer${rows.length === 1 ? "" : "s"}\n`;
}
