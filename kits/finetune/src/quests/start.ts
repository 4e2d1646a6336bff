/**
 * Quest: a hosted fine-tuning job, run safely. The file is checked, the price shown and
 * accepted, then uploaded, the job created and followed to the end. The job is recorded at each
 * step: running the same command again — after Ctrl-C, a crash, a closed laptop — picks it up
 * and never uploads or pays twice.
 *
 *   npm run finetune -- start data/train.jsonl --model openai:gpt-4.1-mini-2025-04-14 --val data/val.jsonl
 */
import { followFineTune, PathError, shortKey, startFineTune } from "@path/core";
import {
  acceptPrice,
  cancelOnCtrlC,
  dim,
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
  UsageError,
} from "@path/kit-cli";
import { checkDataset } from "../check/check-dataset.js";
import { estimateTrainingCost } from "../cost/training-cost.js";
import { eventLine } from "../jobs/show-event.js";

export const help = `Usage: npm run finetune -- start <train.jsonl> --model <provider:model> [options]

Checks the file (errors stop it, by line), shows the estimated training cost and asks you to
accept it, uploads the file(s), creates the job and prints its events and training loss until
it finishes, then the tuned model's name. Running the same command again picks up the same job:
Ctrl-C only stops watching (the job keeps training; \`status\` and \`events\` show it).

Options:
  -m, --model <p:model>     the model to tune, e.g. openai:gpt-4.1-mini-2025-04-14
      --val <file>          a validation file (its loss is reported beside the training loss)
      --epochs <n>          passes over the data (default: the vendor picks)
      --suffix <name>       a word in the tuned model's name (up to 64 characters)
      --yes                 accept the estimated price without asking (needed without a terminal)
      --new                 start another job even if this same request has one
      --json                print the finished job as one JSON object
      --debug               show stack traces on errors
  -h, --help                this help

Keys: OPENAI_API_KEY (or the vendor's own). Jobs are recorded in GENAI_JOBS_DIR
(default ~/.local/share/genai-path/jobs). GENAI_FINETUNE_POLL_MS sets how often to look (10000).`;

const flags = {
  model: { type: "string", short: "m" },
  val: { type: "string" },
  epochs: { type: "string" },
  suffix: { type: "string" },
  yes: { type: "boolean" },
  new: { type: "boolean" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const file = positionals[0];
  if (!file || !values.model) {
    throw new UsageError(
      "npm run finetune -- start data/train.jsonl --model openai:gpt-4.1-mini-2025-04-14",
    );
  }
  const epochs = parseIntegerFlag("epochs", values.epochs, 1, 50);
  const model = values.model;
  const cancel = cancelOnCtrlC();
  try {
    const job = await startFineTune({
      trainingFile: file,
      validationFile: values.val,
      model,
      epochs,
      suffix: values.suffix,
      fresh: values.new,
      signal: cancel.signal,
      onStage: (stage) => process.stderr.write(dim(`${stage}\n`)),
      confirm: async () => {
        // Checked before any price is asked for: a vendor would refuse these, after the upload.
        const report = await checkDataset({ train: file, val: values.val, maxTokens: 65_536 });
        if (report.errors > 0 || report.tooFewExamples) {
          throw new UsageError(
            `${file} has errors; npm run finetune -- check ${file} names them (nothing was sent)`,
          );
        }
        const estimate = await estimateTrainingCost({ file, model, epochs });
        const price =
          estimate.usd === undefined
            ? `an unknown amount (${estimate.trainedTokens} training tokens; ${model}'s price is not in the table)`
            : `about $${estimate.usd < 0.01 ? estimate.usd.toFixed(4) : estimate.usd.toFixed(2)} (${estimate.trainedTokens} training tokens = ${estimate.examples} examples × ${estimate.epochs} epochs at $${estimate.pricePerMillionUsd}/1M)`;
        return acceptPrice({ what: "this fine-tuning job", text: price }, values.yes === true);
      },
    });
    if (!job) {
      process.stderr.write("not started\n");
      return 1;
    }
    process.stderr.write(
      dim(
        `${job.resumed ? "following" : "started"} job ${job.record.providerJobId} (key ${shortKey(job.record.key)})\n`,
      ),
    );
    const pollIntervalMs = Number(process.env.GENAI_FINETUNE_POLL_MS ?? 10_000);
    const finished = await followFineTune(job, {
      pollIntervalMs,
      signal: cancel.signal,
      onEvent: (event) => process.stderr.write(`${eventLine(event)}\n`),
    });
    if (values.json) printJson(finished);
    if (finished.state === "succeeded") {
      if (!values.json) process.stdout.write(`${finished.resultModel}\n`);
      process.stderr.write(
        `next: npm run finetune -- compare --base ${model} --tuned ${finished.provider}:${finished.resultModel} --on ${values.val ?? "data/val.jsonl"}\n`,
      );
      return 0;
    }
    process.stderr.write(
      `job ${finished.providerJobId} ${finished.state}${finished.error ? `: ${finished.error}` : ""}\n`,
    );
    return 1;
  } catch (error) {
    if (cancel.signal.aborted && (error as { code?: string }).code === "aborted") {
      process.stderr.write(
        "stopped watching; the job goes on. npm run finetune -- status shows it, the same start command follows it again\n",
      );
      return 130;
    }
    if (error instanceof PathError && error.isRetryable) {
      throw new PathError(
        error.code,
        `${error.message}; the same start command again picks up where this stopped (nothing is uploaded or created twice)`,
        { cause: error, isRetryable: true },
      );
    }
    throw error;
  } finally {
    cancel.dispose();
  }
}
