import { type ParseArgsConfig, parseArgs } from "node:util";
import { closestMatch } from "@path/core";
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
 * Parses a command's argv: the common flags plus `extra`, positionals allowed. A negative number
 * after a flag that takes a value is that value (`--seed -5`). An unknown flag (with the known
 * one it is nearest to) or a missing value is a UsageError (exit 2) that says `(see --help)`.
 */
export function parseCommandArgs<const Extra extends FlagsConfig>(
  argv: string[],
  extra: Extra,
): ReturnType<typeof parseArgs<CommandConfig<Extra>>> {
  const options = { ...commonFlags, ...extra } as CommandFlags<Extra>;
  const config: CommandConfig<Extra> = {
    args: attachNegativeNumbers(argv, options),
    options,
    allowPositionals: true,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    const message = (error as Error).message;
    const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(message)?.[1];
    if (ambiguous) {
      throw new UsageError(
        `${ambiguous} needs a value; for a value that starts with a dash write ${ambiguous}=-value (see --help)`,
      );
    }
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (!unknown) throw new UsageError(`${message} (see --help)`);
    const suggestion = unknown.startsWith("--")
      ? closestMatch(unknown.slice(2).split("=")[0]!, Object.keys(options))
      : undefined;
    const hint = suggestion ? `; did you mean --${suggestion}?` : "";
    throw new UsageError(`unknown option ${unknown}${hint} (see --help)`);
  }
}

const negativeNumber = /^-(\d|\.\d)/;

/**
 * `--seed -5` → `--seed=-5`: parseArgs reads any word starting with `-` after a flag as a
 * possible flag and refuses it as ambiguous; a negative number is a value, never a flag.
 */
function attachNegativeNumbers(argv: string[], options: FlagsConfig): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== "string") continue;
    takesValue.set(`--${name}`, name);
    if (option.short) takesValue.set(`-${option.short}`, name);
  }
  const result: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === "--") {
      result.push(...argv.slice(index));
      break;
    }
    const name = takesValue.get(argument);
    const next = argv[index + 1];
    if (name !== undefined && next !== undefined && negativeNumber.test(next)) {
      result.push(`--${name}=${next}`);
      index++;
    } else result.push(argument);
  }
  return result;
}
