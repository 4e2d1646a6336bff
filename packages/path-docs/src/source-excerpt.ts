import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "./run-step.js";
import type { Step } from "./steps.js";

/** The lines of kit source a page quotes, as they are in the repository now. */
export function sourceExcerpt(step: Step): string {
  const lines = readFileSync(join(repositoryRoot, step.source.file), "utf8").split("\n");
  return `${lines.slice(step.source.from - 1, step.source.to).join("\n")}\n`;
}
