/**
 * The finetune kit's command line: `npm run finetune -- <quest> [args]`. Each quest is one short
 * file; this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";

const quests: Record<string, Command> = {
  build: {
    summary: "Q&A (CSV, JSONL, Markdown) or your documents → chat JSONL, train/val split",
    load: () => import("./quests/build.js"),
  },
  check: {
    summary: "format, roles, tokens, duplicates, train/val leakage by line; exit 1 on errors",
    load: () => import("./quests/check.js"),
  },
  export: {
    summary: "the dataset for your trainer: --format openai | alpaca | sharegpt | llama-factory",
    load: () => import("./quests/export.js"),
  },
  cost: {
    summary: "what training would cost: cost data/train.jsonl --model openai:gpt-4.1-mini",
    load: () => import("./quests/cost.js"),
  },
  start: {
    summary: "a hosted fine-tuning job: upload, create, follow; resumable, never paid twice",
    load: () => import("./quests/start.js"),
  },
  status: {
    summary: "the fine-tuning jobs started here, refreshed from the vendor",
    load: () => import("./quests/status.js"),
  },
  events: {
    summary: "a job's events and training loss: events <job> [--follow]",
    load: () => import("./quests/events.js"),
  },
  cancel: {
    summary: "stop a fine-tuning job: cancel <job>",
    load: () => import("./quests/cancel.js"),
  },
  trainer: {
    summary: "config + commands for LLaMA-Factory, PEFT or Unsloth, and the way to GGUF",
    load: () => import("./quests/trainer.js"),
  },
  "sd-dataset": {
    summary: "photos → a kohya SD LoRA dataset: buckets, captions with a trigger word, config",
    load: () => import("./quests/sd-dataset.js"),
  },
  compare: {
    summary:
      "base vs tuned on held-out examples: compare --base <m> --tuned <m> --on data/val.jsonl",
    load: () => import("./quests/compare.js"),
  },
  lora: {
    summary: "base vs LoRA-adapted embedded model, side by side: lora --model <m> --adapter a.gguf",
    load: () => import("./quests/lora.js"),
  },
};

const help = `GenAI Path — finetune kit (datasets, hosted fine-tuning jobs, LoRA adapters, SD LoRA data)

Usage: npm run finetune -- <quest> [options]

Quests:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(12)}${quest.summary}`)
  .join("\n")}

Run \`npm run finetune -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help });
