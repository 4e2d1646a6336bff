const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Splits text into user-perceived characters, so CJK, emoji and combining marks stay whole. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}

/** The text of a chat message's `content`: a string, or the text parts of a parts array. */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: unknown }) =>
      part?.type === "text" && typeof part.text === "string" ? part.text : "",
    )
    .filter((text) => text !== "")
    .join("\n");
}

/** The text of the last `user` message in an OpenAI/Ollama-style `messages` array. */
export function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return "";
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as { role?: string; content?: unknown } | undefined;
    if (message?.role === "user") return messageText(message.content);
  }
  return "";
}

/** The fakes' deterministic reply: `Echo: <prompt>`, so tests can see the prompt arrived. */
export function echoReply(prompt: string): string {
  return `Echo: ${prompt}`;
}

/**
 * Splits text into stream pieces of `size` graphemes (default 4). Joining the pieces gives the
 * text back exactly; every fake streams with this, so stream and non-stream answers agree.
 */
export function chunkText(text: string, size = 4): string[] {
  const characters = graphemes(text);
  const pieces: string[] = [];
  for (let index = 0; index < characters.length; index += size) {
    pieces.push(characters.slice(index, index + size).join(""));
  }
  return pieces;
}

/** A token estimate: one per CJK character, plus one per 4 other characters (rounded up). */
export function estimateTokens(text: string): number {
  return countTokens(graphemes(text)).at(-1) ?? 0;
}

/** Running token estimate after each character. */
function countTokens(characters: readonly string[]): number[] {
  let cjkCount = 0;
  let otherCount = 0;
  return characters.map((character) => {
    if (cjk.test(character)) cjkCount += 1;
    else otherCount += 1;
    return cjkCount + Math.ceil(otherCount / 4);
  });
}

/** Cuts text to at most `maxTokens` (by {@link estimateTokens}); says whether it was cut. */
export function limitTokens(
  text: string,
  maxTokens: number | undefined,
): { text: string; truncated: boolean } {
  const characters = graphemes(text);
  const running = countTokens(characters);
  if (maxTokens === undefined || (running.at(-1) ?? 0) <= maxTokens) {
    return { text, truncated: false };
  }
  const kept = running.findIndex((tokens) => tokens > maxTokens);
  return { text: characters.slice(0, kept).join(""), truncated: true };
}
