import type { ErrorHint } from "./error-message.js";
import { printEvents } from "./print-events.js";
import { reportError } from "./report-error.js";
import { type Command, runCommand } from "./run-command.js";

export interface RunKitOptions {
  /** The kit's help: printed for `--help`, and for no quest at all. */
  help: string;
  /** Turns a provider's error into what to do, for this kit's quests. */
  hint?: ErrorHint;
  /** Name the model in each progress line (when one command runs several). */
  showModel?: (argv: string[]) => boolean;
}

/**
 * A kit's whole `main`: runs the quest named on the command line, prints events and errors as
 * one line each, and exits with the quest's code. npm runs workspace scripts inside the kit's
 * folder; INIT_CWD is where the person typed the command, so going back there puts `./output/`
 * beside them and lets core find their `.env`.
 */
export async function runKit(
  quests: Record<string, Command>,
  options: RunKitOptions,
): Promise<void> {
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  const argv = process.argv.slice(2);
  const stopPrinting = printEvents({ showModel: options.showModel?.(argv) ?? false });
  const code = await runCommand(argv, quests, { help: options.help }).catch((error: unknown) =>
    reportError(error, {
      debug: argv.includes("--debug"),
      ...(options.hint ? { hint: options.hint } : {}),
    }),
  );
  stopPrinting();
  // Exit once stdout is flushed: an idle keep-alive socket must not keep a finished command waiting.
  process.stdout.write("", () => process.exit(code));
}
