/**
 * The rag kit's command line: `npm run rag -- <quest> [args]`. Each quest is one short file;
 * this only picks the file and turns errors into exit codes.
 */
import { type Command, runKit } from "@path/kit-cli";

const quests: Record<string, Command> = {
  ingest: {
    summary: "read a folder of notes (md, txt, html, pdf, docx) into the index: ingest ./my-notes",
    load: () => import("./quests/ingest.js"),
  },
  ask: {
    summary: 'a cited answer from your notes: ask "我的笔记里关于 LoRA 说了什么？"',
    load: () => import("./quests/ask.js"),
  },
  chat: {
    summary: "ask and ask follow-ups; each is rewritten with the conversation before searching",
    load: () => import("./quests/chat.js"),
  },
  search: {
    summary: 'the passages that match, no model call: search "LoRA rank" --retriever bm25',
    load: () => import("./quests/search.js"),
  },
  eval: {
    summary: "retrieval in numbers on a BEIR set: eval ./scifact --retriever bm25 (nDCG@10, …)",
    load: () => import("./quests/eval.js"),
  },
  push: {
    summary: "copy the index to PostgreSQL + pgvector: push --pg postgres://… (then search --pg)",
    load: () => import("./quests/push.js"),
  },
  stats: {
    summary: "what the index holds: files, passages, vectors, the embedding model",
    load: () => import("./quests/stats.js"),
  },
  forget: {
    summary: "take a file out of the index: forget notes/old.md",
    load: () => import("./quests/forget.js"),
  },
};

const help = `GenAI Path — rag kit (chat with your own notes)

Usage: npm run rag -- <quest> [options]

Quests:
${Object.entries(quests)
  .map(([name, quest]) => `  ${name.padEnd(10)}${quest.summary}`)
  .join("\n")}

Every quest takes --json, and all but eval --index <dir> (default: ./.rag-index in the
current folder).
Run \`npm run rag -- <quest> --help\` for a quest's options.`;

await runKit(quests, { help });
