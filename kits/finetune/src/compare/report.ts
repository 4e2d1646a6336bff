import type { TextModel } from "@path/core";
import type { HeldOutExample } from "./held-out-examples.js";
import { judgeInstructions, judgeQuestion, verdictSchema } from "./judge.js";
import type { Sampling } from "./model-answer.js";
import type { ComparisonModels, ComparisonRow } from "./run-comparison.js";
import { type ComparisonTotals, comparisonTotals } from "./totals.js";

/** Everything a comparison found; saved as JSON, and as Markdown by reportMarkdown. */
export interface ComparisonReport {
  /** The held-out file, as given on the command line. */
  file: string;
  createdAt: string;
  models: { base: string; tuned: string; judge?: string };
  sampling: Sampling;
  /** Examples chosen for the run (after --limit); rows may be fewer after Ctrl-C. */
  examples: number;
  /** Ctrl-C ended the run early: the rows are the ones finished before it. */
  interrupted: boolean;
  /** What the judge was told, word for word, the answer's schema and the shape of each question. */
  judge?: { instructions: string; schema: typeof verdictSchema; questionTemplate: string };
  totals: ComparisonTotals;
  rows: ComparisonRow[];
}

export function modelName(model: TextModel): string {
  return `${model.provider}:${model.modelId}`;
}

export function comparisonReport(input: {
  file: string;
  examples: readonly HeldOutExample[];
  models: ComparisonModels;
  sampling: Sampling;
  rows: ComparisonRow[];
  interrupted: boolean;
}): ComparisonReport {
  const { models, rows } = input;
  const judge = models.judge ? modelName(models.judge) : undefined;
  return {
    file: input.file,
    createdAt: new Date().toISOString(),
    models: {
      base: modelName(models.base),
      tuned: modelName(models.tuned),
      ...(judge ? { judge } : {}),
    },
    sampling: input.sampling,
    examples: input.examples.length,
    interrupted: input.interrupted,
    ...(judge
      ? {
          judge: {
            instructions: judgeInstructions,
            schema: verdictSchema,
            questionTemplate: judgeQuestion(
              "<the example's turns before its last answer, one a line as role: text>",
              "<the example's last assistant turn>",
              "<one model's answer>",
              "<the other model's answer>",
            ),
          },
        }
      : {}),
    totals: comparisonTotals(rows, judge !== undefined),
    rows,
  };
}
