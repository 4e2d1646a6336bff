import { dim, formatDuration, truncateToWidth } from "@path/kit-cli";
import type { NumberedPassage } from "../answer/answer-prompt.js";
import type { Answer } from "../answer/answer-question.js";

/** `lines` as --json gives them: `"12-18"`, or `"12"` for one line. */
export function lineRange(passage: { lineStart: number; lineEnd: number }): string {
  return passage.lineStart === passage.lineEnd
    ? String(passage.lineStart)
    : `${passage.lineStart}-${passage.lineEnd}`;
}

/** A source as `--json` prints it. */
export function sourceJson(passage: NumberedPassage) {
  return {
    n: passage.n,
    path: passage.path,
    lines: lineRange(passage),
    score: Math.round(passage.score * 10_000) / 10_000,
    text: passage.text,
  };
}

/** `[1] notes/lora.md:12-18  LoRA › Rank` per cited source; the uncited ones dim. */
export function sourcesText(sources: readonly NumberedPassage[], cited: readonly number[]): string {
  const lines = sources.map((source) => {
    const headings = source.headings.length > 0 ? `  ${source.headings.join(" › ")}` : "";
    const line = `[${source.n}] ${source.path}:${lineRange(source)}${truncateToWidth(headings, 60)}`;
    return cited.includes(source.n) ? line : dim(`${line}  (not cited)`);
  });
  return `\nSources:\n${lines.join("\n")}\n`;
}

/** `openai:gpt-4o-mini · 5 passages (hybrid) · 812 in / 40 out tokens · 1.3 s`, or nothing without a call. */
export function answerSummary(answer: Answer, retriever: string): string | undefined {
  const final = answer.final;
  if (!final) return undefined;
  const parts = [
    `${final.provider}:${final.modelId}`,
    `${answer.sources.length} passages (${retriever})`,
  ];
  const { inputTokens, outputTokens } = final.usage;
  if (inputTokens !== undefined || outputTokens !== undefined) {
    parts.push(`${inputTokens ?? "?"} in / ${outputTokens ?? "?"} out tokens`);
  }
  parts.push(formatDuration(final.durationMs));
  return parts.join(" · ");
}
