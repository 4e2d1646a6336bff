/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {}

export interface ParsedArguments {
  positionals: string[];
  flags: Set<string>;
}

/** Splits `argv` into positionals and `--flags`; any flag not in `known` is a usage error. */
export function parseArguments(argv: string[], known: string[]): ParsedArguments {
  const positionals: string[] = [];
  const flags = new Set<string>();
  for (const argument of argv) {
    if (argument === "-h") flags.add("--help");
    else if (argument.startsWith("--")) {
      if (!known.includes(argument) && argument !== "--help" && argument !== "--debug") {
        throw new UsageError(`unknown option ${argument}`);
      }
      flags.add(argument);
    } else positionals.push(argument);
  }
  return { positionals, flags };
}
