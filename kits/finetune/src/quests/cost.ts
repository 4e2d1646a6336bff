/**
 * Quest: what will training cost? Tokens counted as OpenAI counts them, times epochs, times the
 * price per million training tokens.
 *
 *   npm run finetune -- cost data/train.jsonl --model openai:gpt-4.1-mini --epochs 3
 */
import { parseCommandArgs, parseIntegerFlag, printJson, UsageError } from "@path/kit-cli";
import { estimateTrainingCost } from "../cost/training-cost.js";

export const help = `Usage: npm run finetune -- cost <train.jsonl> --model <provider:model> [--epochs n]

Estimates the training cost of a hosted fine-tuning job: tokens per epoch (o200k, with the chat
framing) × epochs × the model's training price (OpenAI's table, 2025: gpt-4.1 $25, gpt-4.1-mini
$5, gpt-4.1-nano $1.50, gpt-4o $25, gpt-4o-mini $3 per million training tokens). Using the tuned
model afterwards is billed per call, like any model.

Examples:
  npm run finetune -- cost data/train.jsonl --model openai:gpt-4.1-mini
  npm run finetune -- cost data/train.jsonl --model openai:gpt-4o-mini --epochs 5 --json

Options:
  -m, --model <p:model>     the model to tune, e.g. openai:gpt-4.1-mini
      --epochs <n>          passes over the data (default 3, what OpenAI picks for most sets)
      --json                the estimate as one JSON object
  -h, --help                this help`;

const flags = { model: { type: "string", short: "m" }, epochs: { type: "string" } } as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const file = positionals[0];
  if (!file || !values.model) {
    throw new UsageError("npm run finetune -- cost data/train.jsonl --model openai:gpt-4.1-mini");
  }
  const epochs = parseIntegerFlag("epochs", values.epochs, 1, 50);
  const estimate = await estimateTrainingCost({ file, model: values.model, epochs });
  if (values.json) {
    printJson(estimate);
    return 0;
  }
  const usd =
    estimate.usd === undefined
      ? "unknown"
      : `≈ $${estimate.usd < 0.01 ? estimate.usd.toFixed(4) : estimate.usd.toFixed(2)}`;
  const price =
    estimate.pricePerMillionUsd === undefined
      ? "unknown"
      : `$${estimate.pricePerMillionUsd} per 1M training tokens`;
  process.stdout.write(
    [
      `model            ${estimate.model}`,
      `examples         ${estimate.examples}`,
      `tokens / epoch   ${estimate.tokensPerEpoch}`,
      `epochs           ${estimate.epochs}`,
      `training tokens  ${estimate.trainedTokens}`,
      `price            ${price}`,
      `training cost    ${usd}`,
      "",
    ].join("\n"),
  );
  if (estimate.note) process.stderr.write(`note: ${estimate.note}\n`);
  return 0;
}
