/**
 * Quest: the same dataset in the format your trainer reads. Streams line by line, so a file of
 * any size converts in constant memory.
 *
 *   npm run finetune -- export data/train.jsonl --format alpaca
 *   npm run finetune -- export data/train.jsonl --format llama-factory
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { InvalidInputError, saveFileAtomically } from "@path/core";
import { parseCommandArgs, printJson, UsageError } from "@path/kit-cli";
import type { ChatExample } from "../dataset/chat-example.js";
import { readChatJsonl } from "../dataset/read-chat-jsonl.js";
import {
  type ExportFormat,
  exportFormats,
  llamaFactoryDatasetInfo,
  toAlpaca,
  toShareGpt,
} from "../export/formats.js";

export const help = `Usage: npm run finetune -- export <train.jsonl> --format <format> [--out <file>]

Formats:
  openai         chat JSONL, checked and cleaned (what OpenAI and most vendors upload)
  alpaca         a JSON array of {instruction, input, output, system, history}
  sharegpt       a JSON array of {conversations: [{from: human | gpt, value}], system}
  llama-factory  the ShareGPT file plus the dataset_info.json entry LLaMA-Factory reads it by
                 (both in a folder: data/llama-factory/ by default)

Options:
      --format <format>     one of: ${exportFormats.join(", ")}
      --out <file|folder>   default: beside the input, <name>.<format>.json(l)
      --name <name>         the dataset's name in dataset_info.json (default: the file's name)
      --json                print what was written as one JSON object
  -h, --help                this help`;

const flags = {
  format: { type: "string" },
  out: { type: "string" },
  name: { type: "string" },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, flags);
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const input = positionals[0];
  const format = values.format as ExportFormat;
  if (!input || !exportFormats.includes(format)) {
    throw new UsageError(
      `npm run finetune -- export data/train.jsonl --format ${exportFormats.join("|")}`,
    );
  }
  const stem = basename(input, extname(input));
  const folder =
    format === "llama-factory" ? (values.out ?? join(dirname(input), "llama-factory")) : undefined;
  const file = folder
    ? join(folder, `${stem}.json`)
    : (values.out ??
      join(dirname(input), `${stem}.${format}.${format === "openai" ? "jsonl" : "json"}`));
  if (file === input) throw new UsageError(`--out is the input file; give another name`);
  const convert =
    format === "alpaca"
      ? toAlpaca
      : format === "openai"
        ? (e: ChatExample) => ({ messages: e.messages })
        : toShareGpt;
  const examples = await writeExamples(input, file, convert, format !== "openai");
  const written = [file];
  if (folder) {
    const info = join(folder, "dataset_info.json");
    const name = values.name ?? stem;
    await saveFileAtomically(
      info,
      `${JSON.stringify(llamaFactoryDatasetInfo(name, basename(file)), null, 2)}\n`,
      { overwrite: true },
    );
    written.push(info);
  }
  if (values.json) printJson({ format, examples, files: written });
  else {
    process.stdout.write(`${written.join("\n")}\n`);
    process.stderr.write(`${examples} examples as ${format}\n`);
    if (folder) {
      process.stderr.write(
        `LLaMA-Factory: set dataset_dir: ${folder} and dataset: ${values.name ?? stem}\n`,
      );
    }
  }
  return 0;
}

/** Converts line by line into a temp file, moved into place only when every line converted. */
async function writeExamples(
  input: string,
  output: string,
  convert: (example: ChatExample) => unknown,
  asArray: boolean,
): Promise<number> {
  const temporary = `${output}.${process.pid}.tmp`;
  await saveFileAtomically(temporary, "", { overwrite: true });
  const stream = createWriteStream(temporary);
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  let examples = 0;
  try {
    if (asArray) await write("[\n");
    for await (const item of readChatJsonl(input)) {
      if ("error" in item) {
        throw new InvalidInputError(
          `${input} line ${item.line}: ${item.error}; nothing was written (npm run finetune -- check ${input} lists every problem)`,
        );
      }
      const json = JSON.stringify(convert(item.example));
      await write(asArray ? `${examples ? ",\n" : ""}  ${json}` : `${json}\n`);
      examples += 1;
    }
    if (asArray) await write("\n]\n");
    stream.end();
    await once(stream, "finish");
    if (examples === 0) throw new InvalidInputError(`${input} has no examples to export`);
    await rename(temporary, output);
    return examples;
  } catch (error) {
    if (!stream.writableFinished) {
      stream.end();
      await once(stream, "close");
    }
    await rm(temporary, { force: true });
    throw error;
  }
}
