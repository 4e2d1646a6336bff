/**
 * What `speak` reads aloud: the words given, or the contents of a .md or .txt file. Markdown
 * marks (#, **, `, list bullets, link targets) are taken out so the voice does not read them.
 */
import { extname } from "node:path";
import { readInputFile, UsageError } from "@path/kit-cli";

export interface SpeechText {
  text: string;
  /** The file the text came from, when it came from one. */
  file?: string;
}

const textFile = /\.(md|markdown|txt)$/i;

export async function readSpeechText(positionals: string[]): Promise<SpeechText> {
  const [first] = positionals;
  if (positionals.length === 1 && first && textFile.test(first)) {
    const contents = (await readInputFile(first)).toString("utf8");
    const text = (extname(first).toLowerCase() === ".txt" ? contents : plainText(contents)).trim();
    if (!text) throw new UsageError(`${first} is empty: write the words to read aloud in it`);
    return { text, file: first };
  }
  const text = positionals.join(" ").trim();
  if (!text) {
    throw new UsageError(
      'give the words to read aloud: npm run music -- speak "hello" (or a .md or .txt file)',
    );
  }
  return { text };
}

/** Markdown as the words a person would read out. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^[ \t]{0,3}(#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)/gm, "")
    .replace(/[*_`~]+/g, "");
}
