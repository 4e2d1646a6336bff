/** A question with Han characters and no kana or Hangul is answered in Chinese. */
export function isChinese(text: string): boolean {
  return (
    /\p{Script=Han}/u.test(text) &&
    !/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text)
  );
}

/** What the answer says when the notes do not hold the answer, in the question's language. */
export function notInNotes(question: string): string {
  return isChinese(question)
    ? "笔记中没有找到这个问题的答案。"
    : "The notes do not contain the answer to this question.";
}
