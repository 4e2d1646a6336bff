import { closestMatch } from "@path/core";
import { UsageError } from "./usage-error.js";

/** One entry of a kit's command table: `ask`, `generate`, `models search`, … */
export interface Command {
  /** Its line in the list of commands, for a help text built from the table. */
  summary?: string;
  /** Imports the file that runs it, only when it is the one asked for. */
  load(): Promise<{ main(argv: string[]): Promise<number> }>;
}

export interface RunCommandOptions {
  /** Printed for `help`, `-h` or `--help` (on stdout, exit 0) and for no command (stderr, exit 2). */
  help: string;
  /** What a command is called in the error for an unknown one: "quest" (default), "command". */
  noun?: string;
  /** The words before the command, as a person types them: "models" for `models search`. */
  parent?: string;
}

/**
 * Runs `<command> [args]` from a kit's table and returns its exit code. An unknown command is
 * a UsageError (exit 2) that suggests the nearest one and lists the ones there are.
 */
export async function runCommand(
  argv: string[],
  commands: Record<string, Command>,
  options: RunCommandOptions,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${options.help}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${options.help}\n`);
    return 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const noun = options.noun ?? "quest";
    const typed = options.parent ? `${options.parent} ${name}` : name;
    const names = Object.keys(commands);
    const suggestion = closestMatch(name, names);
    const hint = suggestion ? `did you mean "${suggestion}"? ` : "";
    throw new UsageError(`unknown ${noun} "${typed}"; ${hint}the ${noun}s are ${names.join(", ")}`);
  }
  return (await command.load()).main(rest);
}
