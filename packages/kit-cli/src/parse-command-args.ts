import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** What `node:util` parseArgs takes as `options`: `{ seed: { type: "string" }, … }`. */
export type FlagsConfig = NonNullable<ParseArgsConfig["options"]>;

/** `--json`, `--debug` and `--help`: every command takes them. */
export const commonFlags = {
  json: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies FlagsConfig;

/** `--model <provider:model>` (`-m`), for commands that call a model: spread it into the extra flags. */
export const modelFlag = {
  model: { type: "string", short: "m" },
} as const satisfies FlagsConfig;

/** The common flags plus a command's own; its own win where the names are the same. */
export type CommandFlags<Extra> = Omit<typeof commonFlags, keyof Extra> & Extra;

type CommandConfig<Extra> = {
  args: string[];
  options: CommandFlags<Extra>;
  allowPositionals: true;
  strict: true;
};

/**
 * Parses a command's argv: the common flags plus `extra`, positionals allowed. An unknown flag
 * or a missing value is a UsageError (exit 2) that says `(see --help)`.
 */
export function parseCommandArgs<const Extra extends FlagsConfig>(
  argv: string[],
  extra: Extra,
): ReturnType<typeof parseArgs<CommandConfig<Extra>>> {
  const config: CommandConfig<Extra> = {
    args: argv,
    options: { ...commonFlags, ...extra },
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
