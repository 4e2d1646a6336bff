import { generateText, type TextModel } from "@path/core";

/** One question and its answer, earlier in a chat. */
export interface ChatTurn {
  question: string;
  answer: string;
}

/**
 * A follow-up ("and its rank?") rewritten by the chat model into a question that stands on its
 * own ("What rank does LoRA use?"), so retrieval can find passages for it. The first question
 * of a chat is returned as it is, with no model call.
 */
export async function rewriteQuestion(
  question: string,
  history: readonly ChatTurn[],
  options: { model?: string | TextModel | undefined; signal?: AbortSignal },
): Promise<string> {
  if (history.length === 0) return question;
  const conversation = history
    .slice(-4)
    .map((turn) => `User: ${turn.question}\nAssistant: ${clip(turn.answer)}`)
    .join("\n\n");
  const result = await generateText({
    ...(options.model ? { model: options.model } : {}),
    system:
      "Rewrite the user's follow-up question as one standalone question that can be understood without the conversation, in the same language as the follow-up. Reply with the rewritten question only.",
    prompt: `Conversation:\n${conversation}\n\nFollow-up question: ${question}`,
    temperature: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const rewritten = result.text.trim().replace(/^["“']|["”']$/g, "");
  return rewritten === "" ? question : rewritten;
}

function clip(text: string): string {
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
