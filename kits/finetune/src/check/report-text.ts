import type { CheckReport } from "./check-dataset.js";
import { minimumExamples } from "./check-dataset.js";

const bar = (count: number, most: number) =>
  "█".repeat(Math.max(count ? 1 : 0, Math.round((count / most) * 30)));

/** The report as a person reads it: each file's size and token spread, then each finding with its lines. */
export function reportText(report: CheckReport): string {
  const out: string[] = [];
  for (const { file, examples, tokens } of report.files) {
    out.push(
      `${file}: ${examples} example${examples === 1 ? "" : "s"}, ${tokens.total} tokens (min ${tokens.min}, median ${tokens.median}, p95 ${tokens.p95}, max ${tokens.max})`,
    );
    const most = Math.max(1, ...tokens.histogram.map((bin) => bin.examples));
    let from = 0;
    for (const { upTo, examples: count } of tokens.histogram) {
      const range = upTo === null ? `> ${from}` : `${from + 1}–${upTo}`;
      out.push(`  ${range.padStart(11)} tokens ${String(count).padStart(7)}  ${bar(count, most)}`);
      from = upTo ?? from;
    }
  }
  if (report.tooFewExamples) {
    out.push(
      `error: fewer than ${minimumExamples} training examples; OpenAI refuses the job (50–100 good ones is where tuning starts to show)`,
    );
  }
  for (const finding of report.findings) {
    const lines = finding.lines
      .map(({ line, detail }) => (detail ? `${line} (${detail})` : `${line}`))
      .join(", ");
    const more =
      finding.count > finding.lines.length
        ? `, and ${finding.count - finding.lines.length} more`
        : "";
    out.push(
      `${finding.severity}: ${finding.file}: ${finding.count} × ${finding.says} — line ${lines}${more}`,
    );
  }
  const verdict = report.errors + (report.tooFewExamples ? 1 : 0);
  out.push(
    verdict
      ? `${verdict} error(s), ${report.warnings} warning(s): fix the errors before training`
      : `ok: no errors, ${report.warnings} warning(s)`,
  );
  return `${out.join("\n")}\n`;
}
