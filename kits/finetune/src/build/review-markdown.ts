import type { DraftedPair } from "./draft-from-docs.js";

/** The drafted pairs as a page to read before training: each with the document it came from. */
export function reviewMarkdown(pairs: readonly DraftedPair[], draftFile: string): string {
  const lines = [
    "# Drafted Q&A — review before training",
    "",
    `A model wrote these from your documents. Read each one; fix or delete lines in ${draftFile}`,
    "(one JSON object a line), then make the training files from it:",
    "",
    `    npm run finetune -- build ${draftFile} --out data/`,
    "",
  ];
  for (const [index, pair] of pairs.entries()) {
    lines.push(
      `## ${index + 1}. ${pair.question}`,
      "",
      pair.answer,
      "",
      `_from ${pair.source}_`,
      "",
    );
  }
  return `${lines.join("\n")}`;
}
