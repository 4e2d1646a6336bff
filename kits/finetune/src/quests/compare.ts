/**
 * Quest: did fine-tuning help? The base and the tuned model answer the same held-out examples,
 * side by side, scored by exact match and, with --judge, by a chat model acting as judge.
 *
 *   npm run finetune -- compare --base openai:gpt-4.1-mini --tuned openai:ft:gpt-4.1-mini:… --on data/val.jsonl
 *   npm run finetune -- compare --base ollama:qwen2.5:0.5b --tuned ollama:my-tuned --on data/val.jsonl --judge deepseek:deepseek-chat
 */
import { resolveModel } from "@path/core";
import {
  cancelOnCtrlC,
  dateStamp,
  formatTable,
  outputDirectory,
  parseCommandArgs,
  parseIntegerFlag,
  printJson,
  progressLine,
  saveOrRecover,
  UsageError,
} from "@path/kit-cli";
import { costText } from "../compare/cost-text.js";
import { readHeldOutExamples } from "../compare/held-out-examples.js";
import { failed } from "../compare/model-answer.js";
import { type ComparisonReport, comparisonReport } from "../compare/report.js";
import { reportMarkdown } from "../compare/report-markdown.js";
import { type ComparisonRow, runComparison } from "../compare/run-comparison.js";

export const help = `Usage: npm run finetune -- compare --base <model> --tuned <model> --on <val.jsonl> [options]

Asks the base and the tuned model every held-out example (its turns up to the last assistant
answer) at temperature 0 with the same seed, and scores each answer against that last turn.
Saves the report as Markdown and JSON (compare-<date>.md/.json, never overwriting).

Options:
      --base <provider:model>   the model before fine-tuning, e.g. openai:gpt-4.1-mini
      --tuned <provider:model>  the model after, e.g. openai:ft:gpt-4.1-mini:my-org::abc123
      --on <file.jsonl>         held-out examples, one {"messages":[…]} per line (data/val.jsonl)
      --judge <provider:model>  also ask this chat model which answer is closer to the reference
      --limit <n>               only the first n examples
      --seed <n>                the sampling seed both models get (default 1)
      --out <folder>            where the report goes (default ./output)
      --json                    print the report as one JSON object
      --debug                   show stack traces on errors
  -h, --help                    this help

Ctrl-C stops at once and saves the rows finished so far; the example being asked is left
out (exit 130).`;

const flags = {
  base: { type: "string" },
  tuned: { type: "string" },
  on: { type: "string" },
  judge: { type: "string" },
  limit: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const example = "npm run finetune -- compare --base <model> --tuned <model> --on data/val.jsonl";
  if (positionals.length > 0) {
    throw new UsageError(`compare takes no file without a flag; give it as --on ${positionals[0]}`);
  }
  for (const name of ["base", "tuned", "on"] as const) {
    if (!values[name]) throw new UsageError(`--${name} is needed: ${example}`);
  }
  const limit = parseIntegerFlag("limit", values.limit, 1, 1_000_000);
  const seed = parseIntegerFlag("seed", values.seed, 0, 2_147_483_647) ?? 1;
  const directory = outputDirectory(values.out);
  const file = values.on as string;
  const examples = (await readHeldOutExamples(file)).slice(0, limit);
  // Named models are checked (provider known, key set) before the first paid call.
  const models = {
    base: await resolveModel("text", values.base),
    tuned: await resolveModel("text", values.tuned),
    ...(values.judge ? { judge: await resolveModel("text", values.judge) } : {}),
  };
  const sampling = { temperature: 0, seed };

  const progress = progressLine();
  const count = `${examples.length} example${examples.length === 1 ? "" : "s"}`;
  if (!values.json) progress.update(`comparing ${count}`, { fraction: 0 });
  const cancel = cancelOnCtrlC();
  const rows = await runComparison(examples, models, sampling, cancel.signal, (_, done) => {
    if (!values.json)
      progress.update(`compared ${done}/${examples.length}`, { fraction: done / examples.length });
  }).finally(() => {
    cancel.dispose();
    progress.end(); // an error goes on a line of its own
  });
  const interrupted = cancel.signal.aborted;

  const report = comparisonReport({ file, examples, models, sampling, rows, interrupted });
  const saved = await saveOrRecover(directory, `compare-${dateStamp()}`, [
    { extension: "md", data: reportMarkdown(report) },
    { extension: "json", data: `${JSON.stringify(report, null, 2)}\n` },
  ]);
  const [markdownPath, jsonPath] = saved.paths;
  if (saved.recovered) {
    process.stderr.write(
      `could not write into ${directory} (${saved.recovered.reason}); saved here instead\n`,
    );
  }
  for (const note of notes(report)) process.stderr.write(`note: ${note}\n`);
  if (values.json) printJson({ ...report, saved: { markdown: markdownPath, json: jsonPath } });
  else process.stdout.write(`${summary(report)}\nsaved ${markdownPath}\n  and ${jsonPath}\n`);

  if (interrupted) return 130;
  const allFailed = (side: "base" | "tuned") => rows.every((row) => failed(row[side]));
  return allFailed("base") || allFailed("tuned") ? 1 : 0;
}

/** The rows in one line each, the errors whole, then the totals. */
function summary(report: ComparisonReport): string {
  const width = Math.max(60, process.stdout.columns ?? 120);
  const rows = report.rows.map((row) => [
    String(row.line),
    answerText(row, "base"),
    answerText(row, "tuned"),
    exactText(row),
    verdictText(row),
  ]);
  const table = formatTable(rows, {
    header: ["line", "base", "tuned", "exact", "judge"],
    columns: [{ alignRight: true }],
    maxCellWidth: Math.floor((width - 30) / 2),
    separator: " │ ",
    rule: true,
  });
  const errors = report.rows.flatMap((row) =>
    (["base", "tuned"] as const).flatMap((side) => {
      const answer = row[side];
      return failed(answer) ? [`line ${row.line}: ${side} failed: ${answer.error}`] : [];
    }),
  );
  for (const row of report.rows) {
    if (row.verdict && failed(row.verdict)) errors.push(`line ${row.line}: ${row.verdict.error}`);
  }
  const { totals } = report;
  const percent = (rate: number) => `${Math.round(rate * 100)}%`;
  const totalRows = [
    ["", "base", "tuned"],
    [
      "exact match",
      `${totals.base.exactMatches}/${totals.examples} (${percent(totals.base.exactMatchRate)})`,
      `${totals.tuned.exactMatches}/${totals.examples} (${percent(totals.tuned.exactMatchRate)})`,
    ],
    ...(totals.judge
      ? [["judge: closer", String(totals.judge.baseWins), String(totals.judge.tunedWins)]]
      : []),
    ["failed", String(totals.base.failed), String(totals.tuned.failed)],
    [
      "tokens in/out",
      `${totals.base.inputTokens}/${totals.base.outputTokens}`,
      `${totals.tuned.inputTokens}/${totals.tuned.outputTokens}`,
    ],
    ["cost", costText(totals.base.cost), costText(totals.tuned.cost)],
  ];
  const judgeLine = totals.judge
    ? `judge ${report.models.judge}: ${totals.judge.ties} tie(s), ${totals.judge.failed} failed, ` +
      `${totals.judge.inputTokens}/${totals.judge.outputTokens} tokens, cost ${costText(totals.judge.cost)}\n`
    : "";
  const stopped = report.interrupted
    ? `stopped after ${totals.examples} of ${report.examples} examples (Ctrl-C)\n`
    : "";
  return [
    `${table}\n`,
    ...errors.map((error) => `${error}\n`),
    `\n${formatTable(totalRows)}\n`,
    judgeLine,
    stopped,
  ].join("");
}

/** Each model's warnings once, however many rows repeated them. */
function notes(report: ComparisonReport): string[] {
  const seen = new Set<string>();
  for (const row of report.rows) {
    const calls = [
      [report.models.base, row.base],
      [report.models.tuned, row.tuned],
      [report.models.judge, row.verdict],
    ] as const;
    for (const [model, outcome] of calls) {
      if (!outcome || failed(outcome)) continue;
      for (const warning of outcome.warnings ?? []) seen.add(`${model}: ${warning}`);
    }
  }
  return [...seen];
}

function answerText(row: ComparisonRow, side: "base" | "tuned"): string {
  const answer = row[side];
  return failed(answer) ? "(failed, see below)" : answer.text.replace(/\s+/g, " ").trim();
}

function exactText(row: ComparisonRow): string {
  const { base, tuned } = row.exactMatch;
  if (base && tuned) return "both";
  return base ? "base" : tuned ? "tuned" : "neither";
}

function verdictText(row: ComparisonRow): string {
  if (!row.verdict) return "";
  return failed(row.verdict) ? "failed" : row.verdict.closer;
}
