/**
 * The price check before a paid job (a video, a fine-tuning run): shown, then accepted with --yes or a "y" at a
 * terminal. Without a terminal and without --yes nothing is sent: a script must say it accepts
 * the price, never pay by default.
 */
import { createInterface } from "node:readline/promises";
import { UsageError } from "./usage-error.js";

export interface PriceToAccept {
  /** `about $0.40 (openai:sora-2, 4 s at $0.10/s)` */
  text: string;
  /** What is being paid for, as the question starts: "this video", "this fine-tuning job". */
  what: string;
}

/** True to go on; false when the person said no. Throws when it cannot ask and was not told. */
export async function acceptPrice(price: PriceToAccept, yes: boolean): Promise<boolean> {
  if (yes) {
    process.stderr.write(`cost: ${price.text}, accepted with --yes\n`);
    return true;
  }
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `${price.what} costs ${price.text}; add --yes to accept the price (nothing was sent)`,
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C at the question is a no: readline takes the key press, so it would otherwise hang.
  const interrupted = new AbortController();
  prompt.on("SIGINT", () => interrupted.abort());
  try {
    const answer = await prompt.question(`${price.what} costs ${price.text}. Start it? (y/N) `, {
      signal: interrupted.signal,
    });
    return /^y(es)?$/i.test(answer.trim());
  } catch (error) {
    if (interrupted.signal.aborted) return false;
    throw error;
  } finally {
    prompt.close();
  }
}
