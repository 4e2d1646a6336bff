/**
 * Quest 2 — structured prompts.
 *
 *   npm run text -- prompt list
 *   npm run text -- prompt translator --var language=English "今天天气真好，我们去爬山吧"
 *   npm run text -- prompt ./my-role.md --var topic=RAG
 *
 * A template is a Markdown file: # Role, ## Profile, ## Skills, ## Rules, ## Workflow and
 * ## Initialization, with {{variables}}. Filled in, it becomes the system prompt; your text
 * (or the Initialization section, when you give none) is the user message.
 */
import { relative } from "node:path";
import {
  cancelOnCtrlC,
  displayWidth,
  padToWidth,
  printJson,
  readStdin,
  stdinIsPiped,
  UsageError,
} from "@path/kit-cli";
import { answerJson } from "./shared/answer-json.js";
import { callSettingsFrom, commonHelp, parseQuestArgs } from "./shared/args.js";
import { streamAnswer } from "./shared/stream-answer.js";
import {
  builtinDir,
  describe,
  listTemplates,
  loadTemplate,
  render,
  splitInitialization,
  variablesOf,
} from "./templates.js";

export const help = `Usage: npm run text -- prompt <template> [text] [--var name=value ...] [options]
       npm run text -- prompt list
       npm run text -- prompt show <template>

<template> is a built-in name (see list) or a path to your own .md file.

Options:
  -v, --var <name=value>        fill {{name}} in the template (repeat for each variable)
  -i, --input <text>            the user message (also: text after the template, or stdin)
${commonHelp}`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseQuestArgs(argv, {
    var: { type: "string", short: "v", multiple: true },
    input: { type: "string", short: "i" },
  });
  const [name, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (name === undefined) throw new UsageError("name a template (npm run text -- prompt list)");
  if (name === "list") return list(values.json);
  if (name === "show") return show(rest[0]);

  const template = await loadTemplate(name);
  const rendered = render(template.text, parseVariables(values.var ?? []));
  if (rendered.missing.length > 0) {
    const names = rendered.missing.map((missing) => `{{${missing}}}`).join(", ");
    const flags = rendered.missing.map((missing) => `--var ${missing}=...`).join(" ");
    throw new UsageError(`${template.name} needs a value for ${names}: add ${flags}`);
  }
  for (const unused of rendered.unused) {
    process.stderr.write(
      `warning: ${template.name} has no {{${unused}}}; --var ${unused} is unused\n`,
    );
  }

  const { system, initialization } = splitInitialization(rendered.text);
  // The user message: --input, else the words after the template, else stdin, else the
  // template's own Initialization.
  let input = values.input ?? (rest.length > 0 ? rest.join(" ") : undefined);
  if (input === undefined && stdinIsPiped()) input = (await readStdin()).trim() || undefined;
  input ??= initialization;
  if (input === undefined) {
    throw new UsageError(`${template.name} has no ## Initialization; give your text with --input`);
  }

  const cancel = cancelOnCtrlC();
  try {
    const answer = await streamAnswer(
      {
        model: values.model,
        system,
        prompt: input,
        ...callSettingsFrom(values),
        signal: cancel.signal,
      },
      { json: values.json },
    );
    if (values.json) printJson({ ...answerJson(answer), template: template.name, system });
    return 0;
  } finally {
    cancel.dispose();
  }
}

/** `--var language=English` → `{ language: "English" }` (the value may contain `=`). */
function parseVariables(pairs: string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new UsageError(`--var takes name=value, not "${pair}"`);
    variables[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
  }
  return variables;
}

function signature(text: string): string {
  return variablesOf(text)
    .map((variable) =>
      variable.defaultValue === undefined
        ? variable.name
        : `${variable.name}=${variable.defaultValue}`,
    )
    .join(", ");
}

async function list(json?: boolean): Promise<number> {
  const templates = await listTemplates();
  if (json) {
    printJson(
      templates.map((template) => ({
        name: template.name,
        description: describe(template.text),
        variables: variablesOf(template.text),
      })),
    );
    return 0;
  }
  // Your own templates may have Chinese names: widths in terminal columns keep them aligned.
  const width = Math.max(...templates.map((template) => displayWidth(template.name))) + 2;
  for (const template of templates) {
    process.stdout.write(`${padToWidth(template.name, width)}${describe(template.text)}\n`);
    process.stdout.write(`${" ".repeat(width)}variables: ${signature(template.text) || "none"}\n`);
  }
  const nearby = relative(process.cwd(), builtinDir);
  const folder = nearby.startsWith("..") ? builtinDir.replace(/[\\/]$/, "") : nearby;
  process.stdout.write(`\nYour own: copy one from ${folder}/, edit it, pass its path.\n`);
  return 0;
}

async function show(name: string | undefined): Promise<number> {
  if (!name) throw new UsageError("which template? npm run text -- prompt show translator");
  const template = await loadTemplate(name);
  process.stdout.write(`${template.text.trimEnd()}\n`);
  process.stderr.write(`\n(${template.path}; variables: ${signature(template.text) || "none"})\n`);
  return 0;
}
