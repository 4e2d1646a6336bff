import type { Cost } from "@path/core";
import { failed } from "./model-answer.js";
import type { ComparisonRow } from "./run-comparison.js";

/** One model's (or the judge's) share of the run. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  /** Undefined when some call's price is unknown: a partial sum would look like the whole. */
  cost?: Cost;
}

export interface SideTotals extends UsageTotals {
  answered: number;
  failed: number;
  exactMatches: number;
  /** Exact matches over the examples compared (a failed answer counts as a miss). */
  exactMatchRate: number;
}

export interface ComparisonTotals {
  examples: number;
  base: SideTotals;
  tuned: SideTotals;
  judge?: UsageTotals & { baseWins: number; tunedWins: number; ties: number; failed: number };
}

export function comparisonTotals(
  rows: readonly ComparisonRow[],
  judged: boolean,
): ComparisonTotals {
  const totals: ComparisonTotals = {
    examples: rows.length,
    base: sideTotals(rows, "base"),
    tuned: sideTotals(rows, "tuned"),
  };
  if (!judged) return totals;
  const verdicts = rows.flatMap((row) => (row.verdict ? [row.verdict] : []));
  const given = verdicts.flatMap((verdict) => (failed(verdict) ? [] : [verdict]));
  totals.judge = {
    baseWins: given.filter((verdict) => verdict.closer === "base").length,
    tunedWins: given.filter((verdict) => verdict.closer === "tuned").length,
    ties: given.filter((verdict) => verdict.closer === "tie").length,
    failed: verdicts.length - given.length,
    ...usageTotals(given),
  };
  return totals;
}

function sideTotals(rows: readonly ComparisonRow[], side: "base" | "tuned"): SideTotals {
  const answers = rows.map((row) => row[side]);
  const answered = answers.flatMap((answer) => (failed(answer) ? [] : [answer]));
  const exactMatches = rows.filter((row) => row.exactMatch[side]).length;
  return {
    answered: answered.length,
    failed: answers.length - answered.length,
    exactMatches,
    exactMatchRate: rows.length === 0 ? 0 : exactMatches / rows.length,
    ...usageTotals(answered),
  };
}

type Usage = { inputTokens?: number; outputTokens?: number; cost?: Cost };

function usageTotals(calls: readonly Usage[]): UsageTotals {
  const totals: UsageTotals = {
    inputTokens: calls.reduce((sum, call) => sum + (call.inputTokens ?? 0), 0),
    outputTokens: calls.reduce((sum, call) => sum + (call.outputTokens ?? 0), 0),
  };
  const costs = calls.map((call) => call.cost);
  const currency = costs[0]?.currency;
  if (costs.every((cost) => cost !== undefined && cost.currency === currency) && currency) {
    const amount = costs.reduce((sum, cost) => sum + (cost?.amount ?? 0), 0);
    totals.cost = { amount: Number(amount.toPrecision(6)), currency };
  }
  return totals;
}
