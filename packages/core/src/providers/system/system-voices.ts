import type { Voice } from "../../spec/index.js";
import { runProcess } from "./run-process.js";
import type { SpeechEngine } from "./speech-engine.js";

const genders: Record<string, string> = { M: "male", F: "female" };

/**
 * `espeak-ng --voices`: a header, then `Pty Language Age/Gender VoiceName File (other 5)…`.
 * Voice names use `_` for spaces, so splitting on whitespace is safe.
 */
export function parseEspeakVoices(listing: string): Voice[] {
  return listing
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length >= 5)
    .map(([, language, ageGender, name, , ...others]) => {
      const gender = genders[ageGender!.split("/")[1] ?? ""];
      const otherLanguages = [...others.join(" ").matchAll(/\(([^\s)]+)/g)].map((m) => m[1]!);
      return {
        id: language!,
        name: name!.replaceAll("_", " "),
        languages: [language!, ...otherLanguages],
        ...(gender ? { gender } : {}),
      };
    });
}

/** `say -v '?'`: `Name   en_US    # sample sentence`; names may have spaces. */
export function parseSayVoices(listing: string): Voice[] {
  return listing.split("\n").flatMap((line) => {
    const match = /^(.+?)\s+([a-z]{2,3}[_-][A-Za-z0-9]+)\s+#/.exec(line);
    return match ? [{ id: match[1]!.trim(), languages: [match[2]!.replace("_", "-")] }] : [];
  });
}

export async function listEngineVoices(
  engine: SpeechEngine,
  command: string,
  signal?: AbortSignal,
): Promise<Voice[]> {
  const args = engine === "say" ? ["-v", "?"] : ["--voices"];
  const output = await runProcess(command, args, "", signal);
  const listing = output.stdout.toString("utf8");
  return engine === "say" ? parseSayVoices(listing) : parseEspeakVoices(listing);
}
