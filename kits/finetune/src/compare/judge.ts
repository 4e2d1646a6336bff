import { type Cost, generateText, type Message, type TextModel } from "@path/core";
import {
  endsTheRun,
  type FailedAnswer,
  rowError,
  type Sampling,
  warningsOf,
} from "./model-answer.js";

/** The judge's instructions, word for word; the report shows them so a reader can weigh the verdicts. */
export const judgeInstructions = `You compare two answers to the same conversation against a reference answer.
Decide which answer is closer to the reference in meaning and facts: "A", "B", or "tie" when both are equally close or equally far.
Ignore style and length unless the reference depends on them. Give the reason in one sentence.`;

/** What the judge must answer with (enforced on the wire where the provider supports it). */
export const verdictSchema = {
  type: "object",
  properties: {
    closer: { type: "string", enum: ["A", "B", "tie"] },
    reason: { type: "string" },
  },
  required: ["closer", "reason"],
  additionalProperties: false,
} as const;

export type Side = "base" | "tuned";

export interface Verdict {
  closer: Side | "tie";
  reason: string;
  /** Which model's answer the judge read as A. */
  answerA: Side;
  inputTokens?: number;
  outputTokens?: number;
  cost?: Cost;
  warnings?: string[];
}

/** An example's turns as the judge reads them: `role: text`, one a line. */
export function conversationText(prompt: Message[]): string {
  return prompt.map((message) => `${message.role}: ${message.content}`).join("\n");
}

/** The message the judge gets for one example, after {@link judgeInstructions}. */
export function judgeQuestion(
  conversation: string,
  reference: string,
  a: string,
  b: string,
): string {
  return `Conversation:\n${conversation}\n\nReference answer:\n${reference}\n\nAnswer A:\n${a}\n\nAnswer B:\n${b}`;
}

/**
 * Judges read the first answer more kindly, so the rows take turns: on even rows the base
 * model's answer is A, on odd rows the tuned model's.
 */
export function answerAFor(rowIndex: number): Side {
  return rowIndex % 2 === 0 ? "base" : "tuned";
}

export async function askJudge(
  judge: TextModel,
  input: { prompt: Message[]; reference: string; base: string; tuned: string; answerA: Side },
  sampling: Sampling,
  signal: AbortSignal,
  firstExample = false,
): Promise<Verdict | FailedAnswer> {
  const { answerA } = input;
  const [a, b] = answerA === "base" ? [input.base, input.tuned] : [input.tuned, input.base];
  try {
    const result = await generateText<{ closer: "A" | "B" | "tie"; reason: string }>({
      model: judge,
      system: judgeInstructions,
      prompt: judgeQuestion(conversationText(input.prompt), input.reference, a, b),
      schema: verdictSchema,
      ...sampling,
      signal,
    });
    const { closer, reason } = result.object;
    const answerB: Side = answerA === "base" ? "tuned" : "base";
    return {
      closer: closer === "tie" ? "tie" : closer === "A" ? answerA : answerB,
      reason,
      answerA,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      cost: result.cost,
      ...warningsOf(result),
    };
  } catch (error) {
    if (signal.aborted || endsTheRun(error, firstExample)) throw error;
    return { error: `the judge failed: ${rowError(error)}` };
  }
}
