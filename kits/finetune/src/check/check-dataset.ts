import { createHash } from "node:crypto";
import type { ChatExample } from "../dataset/chat-example.js";
import { countExampleTokens } from "../dataset/count-tokens.js";
import { readChatJsonl } from "../dataset/read-chat-jsonl.js";
import { type Finding, FindingList } from "./findings.js";
import { NearDuplicateFinder, normalisedText } from "./near-duplicates.js";
import { type TokenStats, tokenStats } from "./token-stats.js";

export interface FileSummary {
  file: string;
  examples: number;
  tokens: TokenStats;
}

export interface CheckReport {
  files: FileSummary[];
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Vendors refuse fewer (OpenAI: 10). */
  tooFewExamples: boolean;
}

export const minimumExamples = 10;

const digest = (text: string) => createHash("sha1").update(text).digest("base64");

/** The conversation before the answer being trained: what a validation example must not share with training. */
function promptKey(example: ChatExample): string {
  const turns = example.messages.slice(
    0,
    example.messages.findLastIndex((m) => m.role === "assistant"),
  );
  return digest(turns.map((m) => `${m.role}\u0001${normalisedText(m.content)}`).join("\u0002"));
}

/**
 * Reads the training file (and the validation file) once, line by line, keeping only hashes,
 * MinHash signatures and token counts — never the examples — so memory stays flat however long the file.
 */
export async function checkDataset(options: {
  train: string;
  val?: string;
  maxTokens: number;
  onLine?: (line: number) => void;
}): Promise<CheckReport> {
  const findings = new FindingList();
  const trainPrompts = new Set<string>();
  const files: FileSummary[] = [];
  for (const file of [options.train, options.val].filter((f): f is string => f !== undefined)) {
    const isVal = file === options.val;
    const seen = new Map<string, number>();
    const near = new NearDuplicateFinder();
    let counts = new Uint32Array(1024);
    let examples = 0;
    for await (const item of readChatJsonl(file)) {
      options.onLine?.(item.line);
      if ("error" in item) {
        findings.add(file, "bad-line", item.line, item.error);
        continue;
      }
      const { example, line } = item;
      const { messages } = example;
      const empty = messages.findIndex((m) => m.content.trim() === "");
      if (empty >= 0) findings.add(file, "empty-turn", line, `message ${empty + 1}`);
      if (!messages.some((m) => m.role === "assistant")) findings.add(file, "no-assistant", line);
      else if (messages.at(-1)?.role !== "assistant")
        findings.add(file, "last-not-assistant", line);
      const tokens = countExampleTokens(example);
      if (tokens > options.maxTokens)
        findings.add(file, "over-token-limit", line, `${tokens} tokens`);
      if (examples === counts.length) {
        const grown = new Uint32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
      counts[examples] = tokens;
      examples += 1;

      const text = messages.map((m) => `${m.role}: ${normalisedText(m.content)}`).join("\n");
      const key = digest(text);
      const earlier = seen.get(key);
      if (earlier !== undefined) findings.add(file, "duplicate", line, `line ${earlier}`);
      else {
        seen.set(key, line);
        const similar = near.add(line, text);
        if (similar !== undefined) findings.add(file, "near-duplicate", line, `line ${similar}`);
      }
      if (!isVal) trainPrompts.add(promptKey(example));
      else if (trainPrompts.has(promptKey(example))) findings.add(file, "leaked-into-val", line);
    }
    files.push({ file, examples, tokens: tokenStats(counts.subarray(0, examples)) });
  }
  const all = findings.all();
  return {
    files,
    findings: all,
    errors: findings.errors,
    warnings: all.filter((f) => f.severity === "warning").reduce((sum, f) => sum + f.count, 0),
    tooFewExamples: (files[0]?.examples ?? 0) < minimumExamples,
  };
}
