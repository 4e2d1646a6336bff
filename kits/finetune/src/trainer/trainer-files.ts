import type { ChatExample } from "../dataset/chat-example.js";
import { llamaFactoryDatasetInfo, toShareGpt } from "../export/formats.js";
import { gpuNeeds, llamaFactoryTemplate } from "./base-models.js";
import { ggufSteps } from "./to-gguf.js";
import { yamlText } from "./yaml-text.js";

export const trainerTools = ["llama-factory", "peft", "unsloth"] as const;
export type TrainerTool = (typeof trainerTools)[number];

export interface TrainerPlan {
  tool: TrainerTool;
  base: string;
  name: string;
  epochs: number;
  train: ChatExample[];
  val: ChatExample[];
  template?: string;
}

const jsonl = (examples: ChatExample[]) => examples.map((e) => `${JSON.stringify(e)}\n`).join("");

/** Every file the chosen trainer needs, by path inside the output folder. */
export function trainerFiles(plan: TrainerPlan): Record<string, string> {
  if (plan.tool === "llama-factory") return llamaFactory(plan);
  const data = {
    "train.jsonl": jsonl(plan.train),
    ...(plan.val.length ? { "val.jsonl": jsonl(plan.val) } : {}),
  };
  return plan.tool === "peft" ? { ...data, ...peft(plan) } : { ...data, ...unsloth(plan) };
}

function llamaFactory(plan: TrainerPlan): Record<string, string> {
  const template = llamaFactoryTemplate(plan.base, plan.template);
  const share = (examples: ChatExample[]) =>
    `${JSON.stringify(examples.map(toShareGpt), null, 1)}\n`;
  const info = {
    ...llamaFactoryDatasetInfo(plan.name, `${plan.name}.json`),
    ...(plan.val.length
      ? llamaFactoryDatasetInfo(`${plan.name}_val`, `${plan.name}_val.json`)
      : {}),
  };
  const config = yamlText({
    model: { model_name_or_path: plan.base, trust_remote_code: true },
    method: {
      stage: "sft",
      do_train: true,
      finetuning_type: "lora",
      lora_rank: 8,
      lora_target: "all",
    },
    dataset: {
      dataset: plan.name,
      ...(plan.val.length ? { eval_dataset: `${plan.name}_val` } : {}),
      dataset_dir: "data",
      template,
      cutoff_len: 2048,
      overwrite_cache: true,
    },
    output: {
      output_dir: "saves/lora",
      logging_steps: 10,
      save_steps: 500,
      plot_loss: true,
      overwrite_output_dir: true,
    },
    train: {
      per_device_train_batch_size: 1,
      gradient_accumulation_steps: 8,
      learning_rate: 1.0e-4,
      num_train_epochs: plan.epochs,
      lr_scheduler_type: "cosine",
      warmup_ratio: 0.1,
      bf16: true,
    },
  });
  const merge = yamlText({
    model: {
      model_name_or_path: plan.base,
      adapter_name_or_path: "saves/lora",
      template,
      trust_remote_code: true,
    },
    export: { export_dir: "merged-model", export_size: 5, export_legacy_format: false },
  });
  return {
    [`data/${plan.name}.json`]: share(plan.train),
    ...(plan.val.length ? { [`data/${plan.name}_val.json`]: share(plan.val) } : {}),
    "data/dataset_info.json": `${JSON.stringify(info, null, 2)}\n`,
    "lora_sft.yaml": config,
    "merge_lora.yaml": merge,
    "README.md": readme(
      plan,
      [
        "pip install -U llamafactory   # or: git clone https://github.com/hiyouga/LLaMA-Factory && pip install -e LLaMA-Factory",
        "llamafactory-cli train lora_sft.yaml      # the adapter goes to saves/lora",
        `llamafactory-cli chat --model_name_or_path ${plan.base} --adapter_name_or_path saves/lora --template ${template}`,
        "llamafactory-cli export merge_lora.yaml   # base + adapter → merged-model/",
      ],
      "saves/lora",
    ),
  };
}

function peft(plan: TrainerPlan): Record<string, string> {
  const script = `# LoRA fine-tuning with Hugging Face TRL + PEFT, written by GenAI Path from your dataset.
# Run: pip install -r requirements.txt && python train.py
from datasets import load_dataset
from peft import LoraConfig
from trl import SFTConfig, SFTTrainer

BASE = ${JSON.stringify(plan.base)}
files = {"train": "train.jsonl"${plan.val.length ? ', "validation": "val.jsonl"' : ""}}
dataset = load_dataset("json", data_files=files)  # {"messages": [...]} per line: TRL applies the chat template

trainer = SFTTrainer(
    model=BASE,
    train_dataset=dataset["train"],
    eval_dataset=${plan.val.length ? 'dataset["validation"]' : "None"},
    args=SFTConfig(
        output_dir="lora",
        num_train_epochs=${plan.epochs},
        per_device_train_batch_size=1,
        gradient_accumulation_steps=8,
        learning_rate=1e-4,
        logging_steps=10,
        bf16=True,
    ),
    peft_config=LoraConfig(r=8, lora_alpha=16, lora_dropout=0.05, target_modules="all-linear", task_type="CAUSAL_LM"),
)
trainer.train()
trainer.save_model("lora")  # adapter_config.json + adapter_model.safetensors
`;
  return {
    "train.py": script,
    "requirements.txt": "torch\ntransformers\ndatasets\npeft\ntrl\naccelerate\n",
    "README.md": readme(
      plan,
      ["pip install -r requirements.txt", "python train.py   # the adapter goes to lora/"],
      "lora",
    ),
  };
}

function unsloth(plan: TrainerPlan): Record<string, string> {
  const script = `# LoRA fine-tuning with Unsloth (QLoRA, 4-bit), written by GenAI Path from your dataset.
# Run on a CUDA GPU: pip install -r requirements.txt && python train.py
from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

BASE = ${JSON.stringify(plan.base)}
model, tokenizer = FastLanguageModel.from_pretrained(model_name=BASE, max_seq_length=2048, load_in_4bit=True)
model = FastLanguageModel.get_peft_model(
    model,
    r=16,
    target_modules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    lora_alpha=16,
    lora_dropout=0,
    use_gradient_checkpointing="unsloth",
)

dataset = load_dataset("json", data_files="train.jsonl", split="train")
dataset = dataset.map(lambda row: {"text": tokenizer.apply_chat_template(row["messages"], tokenize=False)})

trainer = SFTTrainer(
    model=model,
    tokenizer=tokenizer,
    train_dataset=dataset,
    args=SFTConfig(
        dataset_text_field="text",
        output_dir="outputs",
        num_train_epochs=${plan.epochs},
        per_device_train_batch_size=2,
        gradient_accumulation_steps=4,
        learning_rate=2e-4,
        logging_steps=10,
    ),
)
trainer.train()
model.save_pretrained("lora")
tokenizer.save_pretrained("lora")
# Unsloth can also write a merged, quantised GGUF itself:
# model.save_pretrained_gguf("gguf", tokenizer, quantization_method="q4_k_m")
`;
  return {
    "train.py": script,
    "requirements.txt": "unsloth\ndatasets\ntrl\n",
    "README.md": readme(
      plan,
      ["pip install -r requirements.txt", "python train.py   # the adapter goes to lora/"],
      "lora",
    ),
  };
}

function readme(plan: TrainerPlan, commands: string[], adapterDir: string): string {
  return `# Train a LoRA of ${plan.base} with ${plan.tool}

Written by \`npm run finetune -- trainer\` from ${plan.train.length} training and ${plan.val.length} validation examples.
The kit never trains: these are the files and commands for the standard tool.

GPU: ${gpuNeeds(plan.base)}
No GPU of your own: a rented one (a cloud notebook with a 16–24 GB card) runs a 0.5B–7B LoRA.

## Train

${commands.map((command) => `    ${command}`).join("\n")}

${ggufSteps(plan.base, adapterDir)}`;
}
