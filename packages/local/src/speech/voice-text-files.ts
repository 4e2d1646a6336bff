/**
 * sherpa-onnx ends the process on a malformed tokens.txt, or on a MeloTTS lexicon line with an
 * odd number of fields or a tone that is not a number from 0 to 50; these are checked first.
 */
import { readFile } from "node:fs/promises";
import { ModelFileError } from "@path/core";

export async function checkTokensFile(path: string, oneCharacterEach: boolean): Promise<void> {
  const lines = (await readFile(path, "utf8")).split("\n");
  lines.forEach((line, index) => {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    const single = fields.length < 2 || [...(fields[0] ?? "")].length === 1;
    if (fields.length <= 2 && (!oneCharacterEach || single)) return;
    throw new ModelFileError(
      path,
      "load-failed",
      `${path} line ${index + 1} is not "<token> <id>"${oneCharacterEach ? " with a one-character token" : ""}: ${JSON.stringify(line.slice(0, 60))}; fix it or download the voice again.`,
    );
  });
}

export async function checkMeloLexicon(path: string): Promise<void> {
  const lines = (await readFile(path, "utf8")).split("\n");
  lines.forEach((line, index) => {
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    const rest = fields.slice(1);
    const tones = rest.slice(rest.length / 2);
    const valid =
      rest.length % 2 === 0 && tones.every((tone) => /^\d+$/.test(tone) && Number(tone) <= 50);
    if (valid) return;
    throw new ModelFileError(
      path,
      "load-failed",
      `${path} line ${index + 1} is not "<word> <phones…> <tones…>" (as many tones, 0–50, as phones): ${JSON.stringify(line.slice(0, 60))}; fix it or download the voice again.`,
    );
  });
}
