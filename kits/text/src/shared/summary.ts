import type { Cost, Usage } from "@path/core";
import { formatDuration } from "@path/kit-cli";
import { formatCost } from "./cost.js";

/** What the summary line reports about one answer. */
export interface AnswerStats {
  provider: string;
  modelId: string;
  usage: Usage;
  durationMs: number;
  timeToFirstTokenMs?: number;
  cost?: Cost;
}

/** `openai:gpt-4o-mini · 12 in / 40 out tokens · 1.3 s · first token 0.4 s · ≈ $0.000026` */
export function formatSummary(stats: AnswerStats): string {
  const { usage } = stats;
  const parts = [`${stats.provider}:${stats.modelId}`];
  if (usage.inputTokens !== undefined || usage.outputTokens !== undefined) {
    parts.push(`${usage.inputTokens ?? "?"} in / ${usage.outputTokens ?? "?"} out tokens`);
  }
  parts.push(formatDuration(stats.durationMs));
  if (stats.timeToFirstTokenMs !== undefined) {
    parts.push(`first token ${formatDuration(stats.timeToFirstTokenMs)}`);
  }
  if (stats.cost) parts.push(formatCost(stats.cost));
  return parts.join(" · ");
}
