/**
 * Quest: models from Civitai.
 *
 *   npm run image -- models search "pixel art" --type lora --base-model sdxl
 *   npm run image -- models show 135931
 *   npm run image -- models get 135931 --into ~/ComfyUI/models/loras
 *
 * Civitai hosts most community Stable Diffusion models. Search its public REST API, look at
 * a version's files and hashes, and download one the careful way: resumable, verified against
 * the published SHA-256, saved under its final name only when complete.
 */
import { type Command, reportError, runCommand } from "@path/kit-cli";
import { civitaiTokenPage } from "../civitai/civitai-settings.js";
import { runGet } from "./models/models-get.js";
import { runSearch } from "./models/models-search.js";
import { runShow } from "./models/models-show.js";

export const modelsHelp = `Usage: npm run image -- models <command> [options]

Find Stable Diffusion models on Civitai and download them.

Commands:
  search "<query>"   list models: name, type, base model, version id, downloads, size
  show <versionId>   a version's files with sizes and SHA-256 hashes
  get <versionId>    download a version's file (resumable, verified) into ./models

Run \`npm run image -- models <command> --help\` for its options, and
\`models get --help\` for where files go for AUTOMATIC1111/Forge WebUI and ComfyUI.

Settings (environment or .env):
  CIVITAI_TOKEN      an API key, needed for models whose creator requires a login;
                     create one at ${civitaiTokenPage} (Account settings → API Keys)
  CIVITAI_BASE_URL   default https://civitai.com
  HTTPS_PROXY        if you reach the internet through a proxy`;

const commands: Record<string, Command> = {
  search: { load: async () => ({ main: runSearch }) },
  show: { load: async () => ({ main: runShow }) },
  get: { load: async () => ({ main: runGet }) },
};

/** Runs `models <command> …`; prints errors as one `error: …` line and returns the exit code. */
export async function runModels(args: string[]): Promise<number> {
  try {
    return await runCommand(args, commands, {
      help: modelsHelp,
      noun: "command",
      parent: "models",
    });
  } catch (error) {
    return reportError(error, { debug: args.includes("--debug") });
  }
}
