/**
 * A rough token count for budgeting before a call (prompt-size checks, history trimming).
 * CJK characters are about one token each; other text about four characters per token.
 */
const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff00-\uffef]/g;

export function estimateTokens(text: string): number {
  const cjkCount = text.match(cjk)?.length ?? 0;
  const rest = text.length - cjkCount;
  return cjkCount + Math.ceil(rest / 4);
}
