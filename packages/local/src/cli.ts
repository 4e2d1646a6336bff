/**
 * `npm run local -- <command>`: manage the models the local provider runs.
 * Exit codes: 0 done, 1 the command failed, 2 the command line was wrong.
 */
import { PathError } from "@path/core";
import { parseArguments, UsageError } from "./cli/arguments.js";
import { info, infoHelp } from "./cli/info.js";
import { modelsList, modelsListHelp } from "./cli/models-list.js";
import { pull, pullHelp } from "./cli/pull.js";
import { remove, removeHelp } from "./cli/remove.js";

const mainHelp = `Usage: npm run local -- <command> [options]

Commands:
  models list        the catalog, what is downloaded, and the cache folder
  pull <id>          download a model (catalog id, hf:owner/repo/file.gguf, hf:owner/repo:QUANT)
  rm <id>            delete a downloaded model
  info <file|id>     read a GGUF file's header: architecture, size, context, quantisation

Options: --help on any command, --debug to show stack traces.
Settings: GENAI_CACHE_DIR, HF_ENDPOINT, HF_TOKEN, HTTPS_PROXY (see packages/local/README.md).`;

interface Command {
  help: string;
  flags: string[];
  run(positionals: string[], flags: Set<string>, signal: AbortSignal): Promise<void>;
}

const commands: Record<string, Command> = {
  "models list": { help: modelsListHelp, flags: ["--json"], run: (_, flags) => modelsList(flags) },
  pull: { help: pullHelp, flags: [], run: (positionals, _, signal) => pull(positionals, signal) },
  rm: { help: removeHelp, flags: [], run: (positionals) => remove(positionals) },
  info: {
    help: infoHelp,
    flags: ["--json"],
    run: (positionals, flags) => info(positionals, flags),
  },
};

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const words = argv.filter((argument) => !argument.startsWith("-"));
  const name = words[0] === "models" ? `models ${words[1] ?? ""}`.trim() : words[0];
  const command = name ? commands[name] : undefined;
  if (!name || !command) {
    if (name === undefined && (argv.includes("--help") || argv.includes("-h"))) {
      process.stdout.write(`${mainHelp}\n`);
      return 0;
    }
    process.stderr.write(`${name ? `Unknown command "${name}".\n\n` : ""}${mainHelp}\n`);
    return 2;
  }
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  try {
    const commandWords = name.split(" ").length;
    const rest = [...argv];
    for (let removed = 0; removed < commandWords; removed++) {
      rest.splice(
        rest.findIndex((argument) => !argument.startsWith("-")),
        1,
      );
    }
    const { positionals, flags } = parseArguments(rest, command.flags);
    if (flags.has("--help")) {
      process.stdout.write(`${command.help}\n`);
      return 0;
    }
    await command.run(positionals, flags, controller.signal);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${command.help}\n`);
      return 2;
    }
    const message =
      PathError.isInstance(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`Error: ${message.split("\n")[0]}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

// `npm run local` runs in packages/local; paths and .env belong to where the person typed it.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
process.exitCode = await main(process.argv.slice(2));
