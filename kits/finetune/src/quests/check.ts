/**
 * Quest: is this file fit to train on? What vendors reject (roles, empty turns, too many tokens,
 * too few examples) and what they let through (duplicates, near-duplicates, validation prompts
 * that are also in training), each by line number. Streams the file: a million lines are fine.
 *
 *   npm run finetune -- check data/train.jsonl --val data/val.jsonl
 */
import {
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { checkDataset } from "../check/check-dataset.js";
import { reportText } from "../check/report-text.js";
import { defaultExampleTokenLimit, exampleTokenLimit } from "../check/token-limit.js";

export const help = `Usage: npm run finetune -- check <train.jsonl> [--val <val.jsonl>] [options]

Checks chat JSONL ({"messages":[…]} a line) and exits 1 when it finds errors, naming each by
line number: lines that are not JSON or not chat examples, roles other than system, user and
assistant, empty messages, examples with no assistant answer or not ending with one, examples
over the token limit, fewer than 10 examples; with --val, validation prompts also in training.
Warnings (exit 0): exact and near duplicates (MinHash on character 3-grams, 中文 included).
Tokens are counted with OpenAI's o200k tokenizer and its chat framing.

Examples:
  npm run finetune -- check data/train.jsonl --val data/val.jsonl
  npm run finetune -- check data/train.jsonl --model openai:gpt-3.5-turbo
  npm run finetune -- check data/train.jsonl --max-tokens 4096 --json

Options:
      --val <file>          the validation file to check and compare with training
  -m, --model <p:model>     take the per-example token limit of this OpenAI model
                            (gpt-4.1 and gpt-4o families 65536, gpt-3.5-turbo 16385)
      --max-tokens <n>      the limit per example (default 65536; for local training use
                            your model's context length)
      --json                the whole report as one JSON object
      --debug               show stack traces on errors
  -h, --help                this help`;

const flags = {
  val: { type: "string" },
  model: { type: "string", short: "m" },
  "max-tokens": { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const train = positionals[0];
  if (!train || positionals.length > 1) {
    throw new UsageError(
      "give one file to check: npm run finetune -- check data/train.jsonl [--val data/val.jsonl]",
    );
  }
  const modelLimit = values.model === undefined ? undefined : exampleTokenLimit(values.model);
  if (values.model !== undefined && modelLimit === undefined && !values["max-tokens"]) {
    throw new UsageError(
      `the per-example token limit of ${values.model} is not known here: give it with --max-tokens <n> (its context length)`,
    );
  }
  const maxTokens =
    parseIntegerFlag("max-tokens", values["max-tokens"], 1, 10_000_000) ??
    modelLimit ??
    defaultExampleTokenLimit;
  const progress = progressLine({ dim: true });
  const report = await checkDataset({
    train,
    val: values.val,
    maxTokens,
    onLine: (line) => {
      if (line % 10_000 === 0) progress.update("checking", { message: `line ${line}` });
    },
  });
  progress.end("erase");
  if (values.json) printJson(report);
  else process.stdout.write(reportText(report));
  return report.errors > 0 || report.tooFewExamples ? 1 : 0;
}
