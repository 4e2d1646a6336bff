/**
 * Quest: hand the dataset to a standard trainer. Writes the data in the trainer's format, its
 * config or script, and a README with the exact commands, the GPU it needs and the steps to a
 * GGUF file llama.cpp and Ollama load. The kit never trains.
 *
 *   npm run finetune -- trainer data/train.jsonl --val data/val.jsonl --tool llama-factory
 */
import { basename, extname, join } from "node:path";
import { parseCommandArgs, parseIntegerFlag, printJson, UsageError } from "@path/kit-cli";
import { writeNewFiles } from "../build/write-jsonl-files.js";
import { readAllChat } from "../dataset/read-all-chat.js";
import { type TrainerTool, trainerFiles, trainerTools } from "../trainer/trainer-files.js";

export const help = `Usage: npm run finetune -- trainer <train.jsonl> --tool <tool> [options]

Tools:
  llama-factory  the data in ShareGPT form + dataset_info.json, lora_sft.yaml and merge_lora.yaml
                 for llamafactory-cli (the template picked from the base model's family)
  peft           train.py with Hugging Face TRL's SFTTrainer and a PEFT LoraConfig
  unsloth        train.py with Unsloth's 4-bit QLoRA (a CUDA GPU)
Each folder gets a README: the commands, the GPU memory it needs, and how to turn the adapter
into GGUF with llama.cpp's convert_lora_to_gguf.py (or merge and quantise it).

Options:
      --tool <tool>         one of: ${trainerTools.join(", ")}
      --val <file>          validation examples (evaluated during training)
      --base <hf model>     the model to adapt (default Qwen/Qwen2.5-0.5B-Instruct)
      --template <name>     LLaMA-Factory's chat template, when the base is not a known family
      --epochs <n>          passes over the data (default 3)
      --name <name>         the dataset's name (default: the file's name)
      --out <folder>        where the files go (default trainer/<tool>)
      --force               replace files that exist
      --json                print what was written as one JSON object
  -h, --help                this help`;

const flags = {
  tool: { type: "string" },
  val: { type: "string" },
  base: { type: "string" },
  template: { type: "string" },
  epochs: { type: "string" },
  name: { type: "string" },
  out: { type: "string" },
  force: { type: "boolean" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const file = positionals[0];
  const tool = values.tool as TrainerTool;
  if (!file || !trainerTools.includes(tool)) {
    throw new UsageError(
      `npm run finetune -- trainer data/train.jsonl --tool ${trainerTools.join("|")}`,
    );
  }
  const name = (values.name ?? basename(file, extname(file))).replace(/[^\w-]/g, "_");
  const files = trainerFiles({
    tool,
    base: values.base ?? "Qwen/Qwen2.5-0.5B-Instruct",
    name,
    epochs: parseIntegerFlag("epochs", values.epochs, 1, 100) ?? 3,
    train: await readAllChat(file),
    val: values.val ? await readAllChat(values.val) : [],
    template: values.template,
  });
  const out = values.out ?? join("trainer", tool);
  const written = Object.fromEntries(
    Object.entries(files).map(([path, text]) => [join(out, path), text]),
  );
  await writeNewFiles(written, values.force === true);
  if (values.json) {
    printJson({ tool, folder: out, files: Object.keys(written) });
    return 0;
  }
  process.stdout.write(`${Object.keys(written).join("\n")}\n`);
  process.stderr.write(
    `next: read ${join(out, "README.md")}: the commands to train, and to make a GGUF\n`,
  );
  return 0;
}
