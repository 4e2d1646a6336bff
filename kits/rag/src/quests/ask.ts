/**
 * Quest: ask your notes a question.
 *
 *   npm run rag -- ask "我的笔记里关于 LoRA 说了什么？"
 *
 * Finds the passages (BM25 + vectors by default), gives them to a chat model numbered, and
 * streams the answer; each [n] in it points to a file and its lines, listed after the answer.
 */
import {
  cancelOnCtrlC,
  dim,
  parseCommandArgs,
  printJson,
  readStdin,
  stdinIsPiped,
  UsageError,
} from "@path/kit-cli";
import { answerQuestion } from "../answer/answer-question.js";
import { rerank } from "../answer/rerank.js";
import { retrieve } from "../answer/retrieve.js";
import { answerFlags, answerHelp, chatModel, retrieverFlag, topFlag } from "./answer-flags.js";
import { openStore, sharedHelp } from "./index-option.js";
import { answerSummary, sourceJson, sourcesText } from "./sources-text.js";

export const help = `Usage: npm run rag -- ask "<question>" [options]

Answers from the notes you ingested, citing them as [1][2]; the sources (file and lines)
follow the answer. When the notes hold nothing about the question, it says so. With no
question, reads it from stdin: cat question.txt | npm run rag -- ask

Options:
${answerHelp}
${sharedHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, answerFlags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  let question = positionals.join(" ").trim();
  if (!question && stdinIsPiped()) question = (await readStdin()).trim();
  if (!question)
    throw new UsageError('ask a question: npm run rag -- ask "what do my notes say about LoRA?"');
  const retriever = retrieverFlag(values.retriever);
  const k = topFlag(values.top);
  const index = await openStore(values);
  const cancel = cancelOnCtrlC();
  try {
    const { model, contextTokens } = await chatModel(values);
    const signal = cancel.signal;
    const embedModel = values["embed-model"];
    const found = await retrieve(index, question, {
      retriever,
      k: values.rerank ? 3 * k : k,
      embedModel,
      signal,
    });
    const passages = values.rerank
      ? await rerank(question, found.passages, k, { model, signal })
      : found.passages;
    let last = "\n";
    const answer = await answerQuestion(question, passages, {
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
    if (values.json) {
      printJson({
        answer: answer.answer,
        sources: answer.sources.map(sourceJson),
        cited: answer.cited,
        notes: answer.notes,
        model: `${model.provider}:${model.modelId}`,
        retriever,
      });
      return 0;
    }
    if (!last.endsWith("\n")) process.stdout.write("\n");
    if (answer.sources.length > 0) process.stdout.write(sourcesText(answer.sources, answer.cited));
    for (const note of answer.notes) process.stderr.write(`${dim(`note: ${note}`)}\n`);
    const summary = answerSummary(answer, retriever);
    if (summary) process.stderr.write(`${dim(summary)}\n`);
    return 0;
  } finally {
    cancel.dispose();
    await index.close();
  }
}
