import { type StreamTextFinal, streamText, type TextModel } from "@path/core";
import type { Passage } from "../index/search.js";
import { answerPrompt, type NumberedPassage } from "./answer-prompt.js";
import { CitationFilter } from "./citations.js";
import { notInNotes } from "./language.js";

export interface AnswerQuestionOptions {
  /** `provider:model` of the chat model; omitted → the default text model. */
  model?: string | TextModel | undefined;
  contextTokens: number;
  /** The retrieval was empty or weak: say the notes do not hold the answer, with no model call. */
  weak?: boolean;
  /** Each piece of the answer as it may be shown (dangling citations already dropped). */
  onText?: (text: string) => void;
  signal?: AbortSignal;
}

export interface Answer {
  answer: string;
  sources: NumberedPassage[];
  /** The source numbers the answer cites, ascending. */
  cited: number[];
  /** Trimmed passages, dropped citations: one line each, for the person asking. */
  notes: string[];
  /** The model's call, when one was made. */
  final?: StreamTextFinal;
}

/** Asks the chat model to answer from the passages and checks the citations as they stream. */
export async function answerQuestion(
  question: string,
  passages: readonly Passage[],
  options: AnswerQuestionOptions,
): Promise<Answer> {
  if (options.weak || passages.length === 0) {
    const answer = notInNotes(question);
    options.onText?.(answer);
    const note = "no passage in the index matches the question well; no model was asked";
    return { answer, sources: [], cited: [], notes: [note] };
  }
  const prompt = answerPrompt(question, passages, { contextTokens: options.contextTokens });
  const notes = prompt.trimmed ? [prompt.trimmed] : [];
  const filter = new CitationFilter(prompt.sources.length);
  const stream = streamText({
    ...(options.model ? { model: options.model } : {}),
    messages: prompt.messages,
    temperature: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let answer = "";
  const show = (text: string) => {
    if (text === "") return;
    answer += text;
    options.onText?.(text);
  };
  for await (const delta of stream.textStream) show(filter.push(delta));
  show(filter.end());
  const final = await stream.final;
  if (filter.dropped.length > 0) {
    const numbers = [...new Set(filter.dropped)].map((n) => `[${n}]`).join(", ");
    notes.push(
      `the answer cited ${numbers}, which no passage has (there were ${prompt.sources.length}); dropped`,
    );
  }
  return {
    answer,
    sources: prompt.sources,
    cited: [...filter.cited].sort((a, b) => a - b),
    notes,
    final,
  };
}
