import type { Message } from "@path/core";
import { costText } from "./cost-text.js";
import { type FailedAnswer, failed, type ModelAnswer } from "./model-answer.js";
import type { ComparisonReport } from "./report.js";
import type { ComparisonRow } from "./run-comparison.js";
import type { SideTotals } from "./totals.js";

/** The report as a Markdown page: totals first, then every example side by side. */
export function reportMarkdown(report: ComparisonReport): string {
  const { models, totals } = report;
  const done = report.interrupted
    ? `${totals.examples} of ${report.examples} (stopped with Ctrl-C; the rest were not asked)`
    : `${totals.examples}`;
  const lines = [
    `# base vs tuned on ${report.file}`,
    "",
    `- base: \`${models.base}\``,
    `- tuned: \`${models.tuned}\``,
    ...(models.judge ? [`- judge: \`${models.judge}\``] : []),
    `- examples: ${done}`,
    `- sampling: temperature ${report.sampling.temperature}, seed ${report.sampling.seed}`,
    `- made: ${report.createdAt}`,
    "",
    "## Totals",
    "",
    "| | base | tuned |",
    "|---|---|---|",
    `| exact match | ${rate(totals.base, totals.examples)} | ${rate(totals.tuned, totals.examples)} |`,
  ];
  if (totals.judge) {
    lines.push(
      `| closer to the reference (judge) | ${totals.judge.baseWins} | ${totals.judge.tunedWins} |`,
    );
  }
  lines.push(
    `| failed | ${totals.base.failed} | ${totals.tuned.failed} |`,
    `| tokens in / out | ${totals.base.inputTokens} / ${totals.base.outputTokens} | ${totals.tuned.inputTokens} / ${totals.tuned.outputTokens} |`,
    `| cost | ${costText(totals.base.cost)} | ${costText(totals.tuned.cost)} |`,
  );
  if (totals.judge) {
    const { judge } = totals;
    lines.push(
      "",
      `The judge called ${judge.ties} ${judge.ties === 1 ? "tie" : "ties"} and failed ${judge.failed} ${judge.failed === 1 ? "time" : "times"}; ` +
        `it read ${judge.inputTokens} tokens and wrote ${judge.outputTokens} (cost ${costText(judge.cost)}).`,
    );
  }
  lines.push("", "## The examples");
  report.rows.forEach((row, index) => {
    lines.push("", ...rowMarkdown(row, index + 1));
  });
  if (report.judge) {
    lines.push(
      "",
      "## How the judge was asked",
      "",
      "Its instructions (the system message):",
      "",
      fenced(report.judge.instructions),
      "",
      "and for each example, as the user message (answers A and B take turns between the models; each row says which was A):",
      "",
      fenced(report.judge.questionTemplate),
      "",
      "Its answer must match this JSON schema (sent on the wire where the provider takes one, else in the prompt):",
      "",
      fenced(JSON.stringify(report.judge.schema, null, 2), "json"),
    );
  }
  return `${lines.join("\n")}\n`;
}

function rowMarkdown(row: ComparisonRow, number: number): string[] {
  const lines = [
    `### ${number} · line ${row.line}`,
    "",
    // A quote paragraph per turn: consecutive `>` lines would run together into one.
    row.prompt.map((message) => `> **${message.role}:** ${inline(text(message))}`).join("\n>\n"),
    "",
    `**Reference:** ${inline(row.reference)}`,
    "",
    "| base | tuned |",
    "|---|---|",
    `| ${answerCell(row.base)} | ${answerCell(row.tuned)} |`,
    `| ${scoreCell(row.base, row.exactMatch.base)} | ${scoreCell(row.tuned, row.exactMatch.tuned)} |`,
  ];
  const { verdict } = row;
  if (verdict) {
    const said = failed(verdict)
      ? verdict.error
      : `${verdict.closer === "tie" ? "a tie" : `${verdict.closer} is closer`} (A was ${verdict.answerA}): ${verdict.reason}`;
    lines.push("", `**Judge:** ${inline(said)}`);
  }
  return lines;
}

function rate(side: SideTotals, examples: number): string {
  return `${side.exactMatches}/${examples} (${Math.round(side.exactMatchRate * 100)}%)`;
}

function answerCell(answer: ModelAnswer | FailedAnswer): string {
  return failed(answer) ? `**failed:** ${inline(answer.error)}` : inline(answer.text);
}

function scoreCell(answer: ModelAnswer | FailedAnswer, exact: boolean): string {
  if (failed(answer)) return "";
  const tokens = `${answer.inputTokens ?? "?"} / ${answer.outputTokens ?? "?"} tokens`;
  return `${exact ? "exact match" : "not exact"} · ${tokens} · ${costText(answer.cost)}`;
}

function text(message: Message): string {
  return typeof message.content === "string" ? message.content : "";
}

/** Model text inside a table cell or a line: no HTML, no cell breaks, line breaks kept. */
function inline(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll("|", "\\|")
    .replace(/\r?\n/g, "<br>");
}

function fenced(value: string, language = "text"): string {
  const fence = value.includes("```") ? "````" : "```";
  return `${fence}${language}\n${value}\n${fence}`;
}
