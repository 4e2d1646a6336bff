import { keepPair, type QaPair, type QaRead } from "./qa-pair.js";

const question = /^(?:#{1,6}\s+|(?:Q|Question|问|问题)\s*[:：]\s*)(.*)$/i;
const answer = /^(?:A|Answer|答|回答)\s*[:：]\s*(.*)$/i;

/**
 * Reads Q&A written as Markdown, in either shape (or both):
 *
 *   ## How long do refunds take?          Q: How long do refunds take?
 *   Five working days.                    A: Five working days.
 *
 * A heading or a `Q:` / `问：` line starts a question; the lines after it (or after `A:` / `答：`)
 * are its answer, up to the next question.
 */
export function readQaMarkdown(text: string): QaRead {
  const read: QaRead = { pairs: [], skipped: [] };
  let current: (QaPair & { answering: boolean }) | undefined;
  const finish = () => {
    if (current)
      keepPair(read, { line: current.line, question: current.question, answer: current.answer });
  };
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const asked = question.exec(line);
    if (asked) {
      finish();
      current = {
        line: index + 1,
        question: asked[1] ?? "",
        answer: "",
        answering: line.startsWith("#"),
      };
      continue;
    }
    if (!current) continue;
    const answered = answer.exec(line);
    if (answered) {
      current.answering = true;
      current.answer = answered[1] ?? "";
    } else if (current.answering) {
      current.answer += `\n${line}`;
    } else {
      current.question += `\n${line}`;
    }
  }
  finish();
  return read;
}
