/**
 * `npm run local -- <command>`: manage the models the local provider runs.
 * Exit codes, as in every kit: 0 done, 1 the command failed, 2 the command line was wrong,
 * 130 cancelled with Ctrl-C.
 */
import { type Command, parseCommandArgs, reportError, runCommand } from "@path/kit-cli";

const help = `Usage: npm run local -- <command> [options]

Commands:
  models list        the catalog, what is downloaded, and the cache folder
  pull <id>          download a model (catalog id, hf:owner/repo/file.gguf, hf:owner/repo:QUANT)
                     or a voice (melo-tts-zh-en, the default local speech voice)
  rm <id>            delete a downloaded model
  info <file|id>     read a GGUF file's header: architecture, size, context, quantisation
  gpu on|off|status  fetch or remove llama.cpp's GPU build (CUDA, Vulkan); what llama.cpp sees

Options: --help on any command, --json for output a script reads, --debug to show stack traces.
Settings: GENAI_CACHE_DIR, HF_ENDPOINT, HF_TOKEN, HTTPS_PROXY (see packages/local/README.md).`;

const modelsCommands: Record<string, Command> = {
  list: { load: () => import("./cli/models-list.js") },
};

const commands: Record<string, Command> = {
  models: {
    load: async () => ({
      main: (argv) => runCommand(argv, modelsCommands, { help, noun: "command", parent: "models" }),
    }),
  },
  pull: { load: () => import("./cli/pull.js") },
  rm: { load: () => import("./cli/remove.js") },
  gpu: { load: () => import("./cli/gpu.js") },
  info: {
    load: async () => {
      const { info, infoHelp } = await import("./cli/info.js");
      return {
        async main(argv) {
          const { values, positionals } = parseCommandArgs(argv, {});
          if (values.help) process.stdout.write(`${infoHelp}\n`);
          else await info(positionals, new Set(values.json ? ["--json"] : []));
          return 0;
        },
      };
    },
  },
};

// `npm run local` runs in packages/local; paths and .env belong to where the person typed it.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const argv = process.argv.slice(2);
process.exitCode = await runCommand(argv, commands, { help, noun: "command" }).catch(
  (error: unknown) => reportError(error, { debug: argv.includes("--debug") }),
);
