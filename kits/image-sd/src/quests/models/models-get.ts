/** `models get <versionId>`: download a model version's file, resumable and verified. */
import { homedir } from "node:os";
import { relative, resolve } from "node:path";
import { PathError } from "@path/core";
import {
  cancelOnCtrlC,
  dim,
  formatBytes,
  parseCommandArgs,
  printJson,
  progressLine,
} from "@path/kit-cli";
import { createCivitaiClient } from "../../civitai/civitai-client.js";
import { downloadModelFile } from "../../civitai/download-model-file.js";
import { approximateBytes, pickFile } from "../../civitai/primary-file.js";
import { placementHelp, uiFolders } from "./model-format.js";
import { parseVersionId } from "./version-id.js";

export const getHelp = `Usage: npm run image -- models get <versionId> [--into DIR] [options]

Downloads a Civitai model version's primary file into DIR (default: ./models of the folder
you ran the command from) and prints the file's path. The download
  - shows progress on stderr (MB, speed, time left),
  - resumes where it stopped when interrupted (Ctrl-C, a dropped connection): run the same
    command again,
  - is checked against the SHA-256 Civitai publishes (a mismatch deletes it),
  - appears under its final name only when complete; an identical file already there is
    kept, a different one is never overwritten.

<versionId> is the number after modelVersionId= in a model page's address
(https://civitai.com/models/4384?modelVersionId=128713 → 128713; the whole address works
too), or the "version" column of \`models search\`.

${placementHelp}

Options:
  --into <dir>    the folder to save into (default ./models)
  --file <name>   another file of the version instead of the primary one (see models show)
  --json          print {path, bytes, sha256, …} as JSON instead of the path
  --debug         show stack traces on errors
  -h, --help      this help

Some creators require a login to download: set CIVITAI_TOKEN to an API key from
https://civitai.com/user/account (Account settings → API Keys), in the environment or .env.`;

export async function runGet(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    into: { type: "string" },
    file: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(`${getHelp}\n`);
    return 0;
  }
  const versionId = parseVersionId(positionals[0], "get");
  // npm runs workspace scripts inside the kit; INIT_CWD is where the person typed the command.
  const home = process.env.INIT_CWD ?? process.cwd();
  const into = resolve(home, (values.into ?? "models").replace(/^~(?=$|[/\\])/, homedir()));

  const client = createCivitaiClient();
  const version = await client.getModelVersion(versionId);
  const file = pickFile(version, values.file);
  const shown = (path: string) => (path.startsWith(home) ? relative(home, path) : path);
  process.stderr.write(
    `${version.model?.name ?? "model"} — ${version.name}: ${file.name} (${formatBytes(approximateBytes(file), { binary: true })}) → ${shown(into)}\n`,
  );

  const progress = progressLine();
  const cancel = cancelOnCtrlC();
  try {
    const result = await downloadModelFile({
      version,
      file,
      into,
      baseUrl: client.baseUrl,
      token: client.token,
      onProgress: (update) => progress.update(file.name, update),
      onCheckingExisting: (path) =>
        process.stderr.write(`${shown(path)} is already there; checking its SHA-256…\n`),
      signal: cancel.signal,
    });
    progress.end();
    const check = result.verified ? "SHA-256 verified" : "Civitai published no SHA-256 to check";
    const how = result.reused
      ? "already downloaded"
      : result.resumedFrom > 0
        ? `resumed from ${formatBytes(result.resumedFrom, { binary: true })}`
        : "downloaded";
    process.stderr.write(
      `${how}: ${shown(result.path)} (${formatBytes(result.bytes, { binary: true })}, ${check})\n`,
    );
    const folders = uiFolders(file.type === "Model" ? (version.model?.type ?? "") : file.type);
    if (folders) {
      process.stderr.write(
        dim(
          `for AUTOMATIC1111/Forge WebUI it goes in ${folders.webui}, for ComfyUI in ${folders.comfyui}\n`,
        ),
      );
    }
    if (values.json) printJson({ versionId, file: file.name, ...result });
    else process.stdout.write(`${result.path}\n`);
    return 0;
  } catch (error) {
    progress.end();
    if (PathError.isInstance(error) && error.code === "aborted") {
      process.stderr.write(
        "cancelled; the partial download is kept: run the same command again to resume\n",
      );
      return 130;
    }
    throw error;
  } finally {
    cancel.dispose();
  }
}
