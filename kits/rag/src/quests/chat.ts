/**
 * Quest: a chat with your notes in the terminal.
 *
 *   npm run rag -- chat
 *
 * Each follow-up ("and what rank should I use?") is first rewritten by the chat model into a
 * question that stands on its own, so retrieval finds the passages for it; then it is answered
 * from those passages with citations, as ask does.
 */
import { createInterface } from "node:readline";
import { dim, parseCommandArgs, reportError } from "@path/kit-cli";
import { answerQuestion } from "../answer/answer-question.js";
import { rerank } from "../answer/rerank.js";
import { retrieve } from "../answer/retrieve.js";
import { type ChatTurn, rewriteQuestion } from "../answer/rewrite-question.js";
import { answerFlags, answerHelp, chatModel, retrieverFlag, topFlag } from "./answer-flags.js";
import { openStore, sharedHelp } from "./index-option.js";
import { answerSummary, sourceJson, sourcesText } from "./sources-text.js";

export const help = `Usage: npm run rag -- chat [options]

Ask, then ask follow-ups: each is rewritten with the conversation into a standalone question
(shown dim) before the notes are searched. /clear forgets the conversation; /exit or Ctrl-D
leaves. With --json, one JSON object per answer, one per line.

Options:
${answerHelp}
${sharedHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, answerFlags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const retriever = retrieverFlag(values.retriever);
  const k = topFlag(values.top);
  const index = await openStore(values);
  const { model, contextTokens } = await chatModel(values);
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const say = (text: string) => process.stderr.write(`${dim(text)}\n`);
  const lines = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    prompt: "you> ",
  });
  let answering: AbortController | undefined;
  const interrupt = () => {
    if (answering) answering.abort();
    else lines.close();
  };
  lines.on("SIGINT", interrupt);
  process.on("SIGINT", interrupt);
  let history: ChatTurn[] = [];
  let exitCode = 0;

  async function reply(question: string) {
    answering = new AbortController();
    const signal = answering.signal;
    try {
      const standalone = await rewriteQuestion(question, history, { model, signal });
      if (standalone !== question && !values.json) say(`searching for: ${standalone}`);
      const found = await retrieve(index, standalone, {
        retriever,
        k: values.rerank ? 3 * k : k,
        embedModel: values["embed-model"],
        signal,
      });
      const passages = values.rerank
        ? await rerank(standalone, found.passages, k, { model, signal })
        : found.passages;
      let last = "\n";
      const answer = await answerQuestion(standalone, passages, {
        model,
        contextTokens,
        weak: found.weak,
        signal,
        onText: (text) => {
          if (values.json) return;
          process.stdout.write(text);
          last = text;
        },
      });
      history.push({ question, answer: answer.answer });
      if (values.json) {
        const sources = answer.sources.map(sourceJson);
        const turn = {
          question,
          standalone,
          answer: answer.answer,
          sources,
          cited: answer.cited,
          notes: answer.notes,
        };
        process.stdout.write(`${JSON.stringify(turn)}\n`);
        return;
      }
      if (!last.endsWith("\n")) process.stdout.write("\n");
      if (answer.sources.length > 0)
        process.stdout.write(sourcesText(answer.sources, answer.cited));
      for (const note of answer.notes) say(`note: ${note}`);
      const summary = answerSummary(answer, retriever);
      if (summary) say(summary);
    } catch (error) {
      const code = reportError(error, { debug: values.debug });
      if (code !== 130) exitCode = Math.max(exitCode, code);
    } finally {
      answering = undefined;
    }
  }

  if (interactive) {
    say(
      "Ask your notes. Follow-ups use the conversation; /clear forgets it, Ctrl-D or /exit leaves.",
    );
    lines.prompt();
  }
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === "/exit" || text === "/quit") break;
      if (text === "/clear") {
        history = [];
        say("conversation cleared");
      } else if (text !== "") await reply(text);
      if (interactive) lines.prompt();
    }
  } finally {
    lines.close();
    process.off("SIGINT", interrupt);
    await index.close();
  }
  return exitCode;
}
