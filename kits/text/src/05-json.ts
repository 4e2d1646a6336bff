/**
 * Quest 5 — structured output: text in, a checked object out.
 *
 *   npm run text -- json "张伟，星河科技产品经理，zhangwei@example.com，电话 138-0000-0000" --schema contact
 *   npm run text -- json "$(cat review.txt)" --schema sentiment
 *   npm run text -- json "Buy milk tomorrow, call Sam (urgent)" --schema ./my-schema.json
 *
 * A JSON Schema says what the object must look like. Core asks the model for JSON, checks
 * the answer against the schema and, when it does not fit, asks once more with the problems.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateText, type JsonSchema } from "@path/core";
import { cancelOnCtrlC, dim, printJson, readStdin, stdinIsPiped, UsageError } from "@path/kit-cli";
import { answerJson } from "./shared/answer-json.js";
import { callSettingsFrom, commonHelp, parseQuestArgs } from "./shared/args.js";
import { formatSummary } from "./shared/summary.js";

/** Built-in example schemas: kits/text/schemas/*.json. */
const schemaDir = fileURLToPath(new URL("../schemas/", import.meta.url));

export const help = `Usage: npm run text -- json "<text>" --schema <name | file.json> [options]

Built-in schemas: contact, todo, sentiment (kits/text/schemas/). With no text, reads stdin.

Options:
      --schema <name|file>      the JSON Schema the answer must match
${commonHelp}`;

const instructions =
  "Extract the information in the user's text as JSON that matches the given JSON Schema. " +
  "Use only what the text says; leave optional fields out when the text does not mention them. " +
  "Answer with the JSON object only.";

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseQuestArgs(argv, { schema: { type: "string" } });
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (!values.schema)
    throw new UsageError("give a schema: --schema contact (or todo, sentiment, a .json file)");
  const schema = await loadSchema(values.schema);
  let text: string;
  if (positionals.length > 0) text = positionals.join(" ");
  else if (stdinIsPiped()) text = await readStdin();
  else throw new UsageError('give the text: npm run text -- json "…" --schema contact');

  const cancel = cancelOnCtrlC();
  try {
    const result = await generateText({
      model: values.model,
      system: instructions,
      prompt: text,
      schema,
      ...callSettingsFrom(values),
      signal: cancel.signal,
    });
    if (values.json) printJson(answerJson(result));
    else {
      printJson(result.object);
      process.stderr.write(`${dim(formatSummary(result))}\n`);
    }
    return 0;
  } finally {
    cancel.dispose();
  }
}

async function loadSchema(nameOrPath: string): Promise<JsonSchema> {
  const isPath = nameOrPath.endsWith(".json") || /[\\/]/.test(nameOrPath);
  const path = isPath ? resolve(nameOrPath) : join(schemaDir, `${nameOrPath}.json`);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    const names = (await readdir(schemaDir)).map((file) => basename(file, ".json"));
    throw new UsageError(
      isPath
        ? `no schema file at ${path}`
        : `no built-in schema "${nameOrPath}"; built-in: ${names.join(", ")} (or give a .json file)`,
    );
  }
  try {
    const schema: unknown = JSON.parse(text);
    if (typeof schema !== "object" || schema === null || Array.isArray(schema))
      throw new Error("not an object");
    return schema as JsonSchema;
  } catch (error) {
    throw new UsageError(`${path} is not a JSON Schema object (${(error as Error).message})`);
  }
}
