import { it } from "vitest";

type TestBody = () => Promise<void> | void;

/**
 * `it` when the check applies to this provider; otherwise a skipped test whose name says why,
 * so the report shows what was not checked and for what reason.
 */
export function itWhen(applies: boolean, reason: string): (title: string, body: TestBody) => void {
  return applies
    ? (title, body) => it(title, body)
    : (title, body) => it.skip(`${title} (skipped: ${reason})`, body);
}
