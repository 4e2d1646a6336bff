/**
 * Quest: a training set from the Q&A you already have. A CSV, JSONL or Markdown file becomes
 * chat JSONL — the format every hosted fine-tuning API takes — split into train and validation.
 * Or a chat model drafts the Q&A from your documents, for you to review first.
 *
 *   npm run finetune -- build qa.csv --out data/
 *   npm run finetune -- build --from-docs ./notes --out data/
 */
import { join } from "node:path";
import {
  cancelOnCtrlC,
  modelFlag,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
  printJson,
  progressLine,
  UsageError,
} from "@path/kit-cli";
import { draftFromDocs } from "../build/draft-from-docs.js";
import { readQaFile } from "../build/read-qa-file.js";
import { reviewMarkdown } from "../build/review-markdown.js";
import { jsonLines, writeNewFiles } from "../build/write-jsonl-files.js";
import { toChatExample } from "../dataset/qa-pair.js";
import { splitTrainVal } from "../dataset/split.js";

export const help = `Usage: npm run finetune -- build <qa.csv | qa.jsonl | qa.md> [options]
       npm run finetune -- build --from-docs <folder> [options]

Makes chat JSONL ({"messages":[…]} a line) from questions and answers, shuffled with a seed and
split into <out>/train.jsonl and <out>/val.jsonl.

What it reads:
  .csv / .tsv   a first row naming the columns: question (or prompt, instruction, q, 问题) and
                answer (or completion, output, response, a, 答案); an optional system column
  .jsonl        chat examples, or {"question","answer"}, {"prompt","completion"},
                {"instruction","input","output"} lines
  .md           "## question" headings with the answer below, or Q: / A: (问： / 答：) lines
Rows with an empty question or answer are left out and listed.

--from-docs asks a chat model to draft Q&A pairs from each Markdown and text file in a folder,
and writes <out>/draft.jsonl and <out>/draft-review.md. Read and fix them, then run build on
draft.jsonl. Nothing drafted goes into train.jsonl without you.

Options:
      --out <folder>        where the files go (default ./data)
      --val <fraction>      held out for validation (default 0.1; 0 for none)
      --seed <n>            the shuffle's seed (default 1)
      --system <text>       a system message for every example that has none
      --force               replace files that exist
      --from-docs <folder>  draft Q&A from documents with a chat model
  -m, --model <p:model>     the drafting model (default: GENAI_TEXT_MODEL, else the first set up)
      --per-part <n>        pairs asked for each part of a document (default 5)
      --json                print what was written as one JSON object
      --debug               show stack traces on errors
  -h, --help                this help`;

const flags = {
  ...modelFlag,
  out: { type: "string" },
  val: { type: "string" },
  seed: { type: "string" },
  system: { type: "string" },
  force: { type: "boolean" },
  "from-docs": { type: "string" },
  "per-part": { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const out = values.out ?? "data";
  const force = values.force === true;
  if (values["from-docs"]) return draft(values["from-docs"], out, force, values);
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    throw new UsageError("give one Q&A file: npm run finetune -- build qa.csv --out data/");
  }
  const fraction = parseNumberFlag("val", values.val, 0, 0.5) ?? 0.1;
  const seed = parseIntegerFlag("seed", values.seed, 0, 2_147_483_647) ?? 1;
  const { examples, skipped } = await readQaFile(file, values.system);
  const { train, val } = splitTrainVal(examples, fraction, seed);
  const written = { train: join(out, "train.jsonl"), val: join(out, "val.jsonl") };
  await writeNewFiles(
    { [written.train]: jsonLines(train), ...(val.length ? { [written.val]: jsonLines(val) } : {}) },
    force,
  );
  if (values.json) {
    printJson({
      train: { file: written.train, examples: train.length },
      val: val.length ? { file: written.val, examples: val.length } : null,
      skipped,
    });
    return 0;
  }
  for (const { line, why } of skipped) process.stderr.write(`left out line ${line}: ${why}\n`);
  process.stdout.write(
    `${written.train}  ${train.length} example${train.length === 1 ? "" : "s"}\n`,
  );
  if (val.length)
    process.stdout.write(`${written.val}  ${val.length} example${val.length === 1 ? "" : "s"}\n`);
  if (train.length < 10) {
    process.stderr.write(
      `note: OpenAI fine-tuning needs at least 10 training examples; this has ${train.length}.\n`,
    );
  }
  process.stderr.write(
    `next: npm run finetune -- check ${written.train}${val.length ? ` --val ${written.val}` : ""}\n`,
  );
  return 0;
}

async function draft(
  folder: string,
  out: string,
  force: boolean,
  values: { model?: string; "per-part"?: string; system?: string; json?: boolean },
): Promise<number> {
  const perPart = parseIntegerFlag("per-part", values["per-part"], 1, 50) ?? 5;
  const progress = progressLine({ dim: true });
  const cancel = cancelOnCtrlC();
  try {
    const pairs = await draftFromDocs({
      folder,
      model: values.model,
      perPart,
      signal: cancel.signal,
      onPart: (done, total, file) =>
        progress.update("drafting", {
          fraction: done / total,
          message: `${done}/${total} ${file}`,
        }),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT")
        throw new UsageError(`no folder ${folder}: give the folder your documents are in`);
      throw error;
    });
    progress.end("erase");
    if (pairs.length === 0) {
      throw new UsageError(`${folder} has no Markdown or text files to draft from (.md, .txt)`);
    }
    const draftFile = join(out, "draft.jsonl");
    const reviewFile = join(out, "draft-review.md");
    const rows = pairs.map((pair) => ({
      ...toChatExample(pair, values.system),
      source: pair.source,
    }));
    await writeNewFiles(
      { [draftFile]: jsonLines(rows), [reviewFile]: reviewMarkdown(pairs, draftFile) },
      force,
    );
    if (values.json) {
      printJson({ draft: { file: draftFile, examples: pairs.length }, review: reviewFile });
      return 0;
    }
    process.stdout.write(`${draftFile}  ${pairs.length} drafted pairs\n${reviewFile}  to read\n`);
    process.stderr.write(
      `next: review them, then npm run finetune -- build ${draftFile} --out ${out}\n`,
    );
    return 0;
  } finally {
    cancel.dispose();
  }
}
