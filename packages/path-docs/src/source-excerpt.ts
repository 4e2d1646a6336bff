import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "./run-step.js";
import type { Step } from "./steps.js";
import { zhComments } from "./zh-comments.js";

/** The lines of kit source a page quotes, as they are in the repository now; comments in 中文 for the 中文 page. */
export function sourceExcerpt(step: Step, language: "en" | "zh" = "en"): string {
  const lines = readFileSync(join(repositoryRoot, step.source.file), "utf8").split("\n");
  let excerpt = `${lines.slice(step.source.from - 1, step.source.to).join("\n")}\n`;
  if (language === "zh") {
    for (const [english, chinese] of zhComments[step.id] ?? []) {
      excerpt = excerpt.replace(english, chinese);
    }
  }
  return excerpt;
}

/** Comment lines with no Chinese in them: what a 中文 page's excerpt still shows in English. */
export function englishComments(excerpt: string): string[] {
  return excerpt
    .split("\n")
    .filter(
      (line) => /^\s*(\/\/|\/\*\*|\*(?!\/))\s*\S/.test(line) && !/\p{Script=Han}/u.test(line),
    );
}
