/**
 * Quest: the ranked passages for a query, with no chat model call.
 *
 *   npm run rag -- search "LoRA rank" --retriever bm25
 */
import { cancelOnCtrlC, dim, parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import { search } from "../index/search.js";
import { retrieverFlag, topFlag } from "./answer-flags.js";
import { indexFlags, openStore, sharedHelp } from "./index-option.js";
import { lineRange } from "./sources-text.js";

export const help = `Usage: npm run rag -- search "<query>" [options]

The passages that best match the query, best first, with their file, lines and score. No chat
model is called (vector and hybrid embed the query once), so this is how to see what ask reads.

Options:
  -r, --retriever <bm25|vector|hybrid>  bm25: shared words; vector: close in meaning; hybrid: both fused (default)
  -k, --top <n>                     how many passages (default: 5)
      --embed-model <provider:model> embeds the query (default: the model the index was built with)
${sharedHelp}`;

const flags = {
  ...indexFlags,
  retriever: { type: "string", short: "r" },
  top: { type: "string", short: "k" },
  "embed-model": { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const query = positionals.join(" ").trim();
  if (!query) throw new UsageError('give a query: npm run rag -- search "LoRA rank"');
  const retriever = retrieverFlag(values.retriever);
  const k = topFlag(values.top);
  const cancel = cancelOnCtrlC();
  const options = {
    retriever,
    k,
    signal: cancel.signal,
    ...(values["embed-model"] ? { model: values["embed-model"] } : {}),
  };
  const store = await openStore(values);
  try {
    const passages = await search(store, query, options);
    if (values.json) {
      printJson({
        query,
        retriever,
        passages: passages.map((passage, i) => ({
          rank: i + 1,
          path: passage.path,
          lines: lineRange(passage),
          headings: passage.headings,
          score: Math.round(passage.score * 10_000) / 10_000,
          text: passage.text,
        })),
      });
      return 0;
    }
    if (passages.length === 0) {
      process.stderr.write(`no passage matches "${query}" (${retriever})\n`);
      return 0;
    }
    for (const [i, passage] of passages.entries()) {
      const headings = passage.headings.length > 0 ? `  ${passage.headings.join(" › ")}` : "";
      process.stdout.write(
        `${i + 1}. ${passage.path}:${lineRange(passage)}  ${dim(`score ${passage.score.toFixed(4)}${headings}`)}\n`,
      );
      process.stdout.write(`${indent(excerpt(passage.text))}\n\n`);
    }
    return 0;
  } finally {
    cancel.dispose();
    await store.close();
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function indent(text: string): string {
  return `   ${text}`;
}
