import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** Flags every quest takes. */
export const commonOptions = {
  model: { type: "string", short: "m" },
  json: { type: "boolean" },
  temperature: { type: "string", short: "t" },
  "max-tokens": { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsOptionsConfig;

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

type QuestConfig<Extra> = {
  args: string[];
  options: Omit<typeof commonOptions, keyof Extra> & Extra;
  allowPositionals: true;
  strict: true;
};

/** Parses a quest's argv: the common flags plus its own. Bad flags become a UsageError (exit 2). */
export function parseQuestArgs<const Extra extends ParseArgsOptionsConfig>(
  argv: string[],
  extra: Extra,
): ReturnType<typeof parseArgs<QuestConfig<Extra>>> {
  const config: QuestConfig<Extra> = {
    args: argv,
    options: { ...commonOptions, ...extra },
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    throw new UsageError(
      unknown ? `unknown option ${unknown[1]} (see --help)` : `${message} (see --help)`,
    );
  }
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
