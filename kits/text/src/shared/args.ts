import { type FlagsConfig, modelFlag, parseCommandArgs, UsageError } from "@path/kit-cli";

/** The flags every text quest takes on top of kit-cli's `--json --debug --help`. */
export const textFlags = {
  ...modelFlag,
  temperature: { type: "string", short: "t" },
  "max-tokens": { type: "string" },
} as const satisfies FlagsConfig;

const modelHelp = `  -m, --model <provider:model>  e.g. openai:gpt-4o-mini, deepseek:deepseek-chat, ollama:qwen2.5:0.5b
                                (default: GENAI_TEXT_MODEL, else the first provider with a key, else local)`;

/** Help for the flags every quest takes except --model (compare has its own). */
export const samplingHelp = `  -t, --temperature <0..2>      0 = focused and repeatable, higher = more varied
      --max-tokens <n>          stop the answer after about n tokens
      --json                    print one JSON object (text, usage, cost, …) instead of plain text
      --debug                   show stack traces on errors
  -h, --help                    this help`;

/** Help for the flags every quest takes. */
export const commonHelp = `${modelHelp}\n${samplingHelp}`;

/** Parses a quest's argv: the text flags plus its own (its own win). Bad flags are a UsageError (exit 2). */
export function parseQuestArgs<const Extra extends FlagsConfig>(argv: string[], extra: Extra) {
  const flags = { ...textFlags, ...extra } as Omit<typeof textFlags, keyof Extra> & Extra;
  return parseCommandArgs(argv, flags);
}

/** `--temperature` and `--max-tokens` as the numbers core takes. */
export function samplingFrom(values: { temperature?: string; "max-tokens"?: string }): {
  temperature?: number;
  maxOutputTokens?: number;
} {
  const temperature = values.temperature === undefined ? undefined : Number(values.temperature);
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) {
    throw new UsageError(`--temperature takes a number from 0 to 2, not "${values.temperature}"`);
  }
  const maxTokens = values["max-tokens"] === undefined ? undefined : Number(values["max-tokens"]);
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens > 0)) {
    throw new UsageError(
      `--max-tokens takes a whole number above 0, not "${values["max-tokens"]}"`,
    );
  }
  return { temperature, maxOutputTokens: maxTokens };
}
