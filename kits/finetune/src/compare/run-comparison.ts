import type { TextModel } from "@path/core";
import { isExactMatch } from "./exact-match.js";
import type { HeldOutExample } from "./held-out-examples.js";
import { answerAFor, askJudge, type Verdict } from "./judge.js";
import {
  askModel,
  type FailedAnswer,
  failed,
  type ModelAnswer,
  type Sampling,
} from "./model-answer.js";

/** One held-out example, both answers, and how they scored. */
export interface ComparisonRow {
  line: number;
  prompt: HeldOutExample["prompt"];
  reference: string;
  base: ModelAnswer | FailedAnswer;
  tuned: ModelAnswer | FailedAnswer;
  exactMatch: { base: boolean; tuned: boolean };
  /** Only with a judge, and only when both models answered. */
  verdict?: Verdict | FailedAnswer;
}

export interface ComparisonModels {
  base: TextModel;
  tuned: TextModel;
  judge?: TextModel;
}

/**
 * Asks both models every example, one example at a time (base, tuned, then the judge), and
 * hands each finished row to `onRow`. After Ctrl-C (`signal`) it stops and returns the rows
 * finished so far; the row being asked is dropped, not saved half-done.
 */
export async function runComparison(
  examples: readonly HeldOutExample[],
  models: ComparisonModels,
  sampling: Sampling,
  signal: AbortSignal,
  onRow: (row: ComparisonRow, done: number) => void = () => {},
): Promise<ComparisonRow[]> {
  const rows: ComparisonRow[] = [];
  try {
    for (const [index, example] of examples.entries()) {
      const row = await compareOne(example, index, models, sampling, signal);
      rows.push(row);
      onRow(row, rows.length);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return rows;
}

async function compareOne(
  example: HeldOutExample,
  index: number,
  models: ComparisonModels,
  sampling: Sampling,
  signal: AbortSignal,
): Promise<ComparisonRow> {
  const first = index === 0;
  const base = await askModel(models.base, example.prompt, sampling, signal, first);
  const tuned = await askModel(models.tuned, example.prompt, sampling, signal, first);
  const row: ComparisonRow = {
    ...example,
    base,
    tuned,
    exactMatch: {
      base: !failed(base) && isExactMatch(base.text, example.reference),
      tuned: !failed(tuned) && isExactMatch(tuned.text, example.reference),
    },
  };
  if (models.judge && !failed(base) && !failed(tuned)) {
    const input = { ...example, base: base.text, tuned: tuned.text, answerA: answerAFor(index) };
    row.verdict = await askJudge(models.judge, input, sampling, signal, first);
  }
  return row;
}
