import {
  type FlagsConfig,
  modelFlag,
  parseCommandArgs,
  parseIntegerFlag,
  parseNumberFlag,
} from "@path/kit-cli";

/** The flags every text quest takes on top of kit-cli's `--json --debug --help`. */
export const textFlags = {
  ...modelFlag,
  temperature: { type: "string", short: "t" },
  "max-tokens": { type: "string" },
  "max-input-tokens": { type: "string" },
} as const satisfies FlagsConfig;

const modelHelp = `  -m, --model <provider:model>  e.g. openai:gpt-4o-mini, deepseek:deepseek-chat, ollama:qwen2.5:0.5b
                                (default: GENAI_TEXT_MODEL, else the first provider with a key, else local)`;

/** Help for the flags every quest takes except --model (compare has its own). */
export const samplingHelp = `  -t, --temperature <0..2>      0 = focused and repeatable, higher = more varied
      --max-tokens <n>          stop the answer after about n tokens
      --max-input-tokens <n>    refuse prompts estimated above n tokens (default 200000)
      --json                    print JSON (text, usage, cost, …) instead of plain text
      --debug                   show stack traces on errors
  -h, --help                    this help`;

/** Help for the flags every quest takes. */
export const commonHelp = `${modelHelp}\n${samplingHelp}`;

/** Parses a quest's argv: the text flags plus its own (its own win). Bad flags are a UsageError (exit 2). */
export function parseQuestArgs<const Extra extends FlagsConfig>(argv: string[], extra: Extra) {
  const flags = { ...textFlags, ...extra } as Omit<typeof textFlags, keyof Extra> & Extra;
  return parseCommandArgs(argv, flags);
}

/**
 * `--temperature`, `--max-tokens` and `--max-input-tokens` as the numbers core takes; a value
 * out of range is a UsageError (exit 2) that says the range.
 */
export function callSettingsFrom(values: {
  temperature?: string;
  "max-tokens"?: string;
  "max-input-tokens"?: string;
}): { temperature?: number; maxOutputTokens?: number; maxInputTokens?: number } {
  return {
    temperature: parseNumberFlag("temperature", values.temperature, 0, 2),
    maxOutputTokens: parseIntegerFlag("max-tokens", values["max-tokens"], 1, 1_000_000),
    maxInputTokens: parseIntegerFlag("max-input-tokens", values["max-input-tokens"], 1, 10_000_000),
  };
}
