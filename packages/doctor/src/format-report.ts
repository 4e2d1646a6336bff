import { dim } from "@path/kit-cli";
import type { Finding } from "./finding.js";
import type { FirstStep } from "./first-step.js";

const marks = { ok: "ok     ", missing: "missing", broken: "BROKEN " } as const;

/** The report as text: one line per finding, grouped by section, the fix indented under it. */
export function formatReport(findings: readonly Finding[], first: FirstStep): string {
  const lines: string[] = [];
  let section: string | undefined;
  const width = Math.max(...findings.map((f) => f.name.length));
  for (const finding of findings) {
    if (finding.section !== section) {
      section = finding.section;
      lines.push("", section);
    }
    lines.push(`  ${marks[finding.state]}  ${finding.name.padEnd(width)}  ${finding.detail}`);
    if (finding.fix) lines.push(dim(`           ${" ".repeat(width)}  → ${finding.fix}`));
  }
  const broken = findings.filter((f) => f.state === "broken").length;
  lines.push(
    "",
    first.canRun
      ? `The first step can run ${first.how}: npm start -- "Hello"`
      : `The first step cannot run: ${first.how}`,
  );
  if (broken > 0) lines.push(`${broken} broken: see the → lines.`);
  return `${lines.join("\n").trimStart()}\n`;
}
