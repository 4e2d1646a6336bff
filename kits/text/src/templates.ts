/**
 * Prompt templates: Markdown files with sections (# Role, ## Profile, ## Skills, ## Rules,
 * ## Workflow, ## Initialization) and `{{variables}}`. `{{name|default}}` gives a default.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "@path/kit-cli";

/** The built-in templates: kits/text/templates/*.md. Add a file there and it is listed. */
export const builtinDir = fileURLToPath(new URL("../templates/", import.meta.url));

export interface Template {
  name: string;
  path: string;
  text: string;
}

/** A built-in name (`translator`) or a path to your own file (`./my-role.md`). */
export async function loadTemplate(nameOrPath: string): Promise<Template> {
  const isPath = nameOrPath.endsWith(".md") || /[\\/]/.test(nameOrPath);
  const path = isPath ? resolve(nameOrPath) : join(builtinDir, `${nameOrPath}.md`);
  try {
    return { name: basename(path, ".md"), path, text: await readFile(path, "utf8") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    if (isPath) throw new UsageError(`no template file at ${path}`);
    const names = (await listTemplates()).map((template) => template.name);
    throw new UsageError(
      `no built-in template "${nameOrPath}"; built-in: ${names.join(", ")} (or give a path to your own .md file)`,
    );
  }
}

export async function listTemplates(): Promise<Template[]> {
  const files = (await readdir(builtinDir)).filter((file) => file.endsWith(".md")).sort();
  return Promise.all(files.map((file) => loadTemplate(join(builtinDir, file))));
}

/** `{{name}}` or `{{name|default}}`; names may be in any script, e.g. `{{主题}}`. */
const variablePattern = /\{\{\s*([\p{L}\p{N}_-]+)\s*(?:\|([^}]*))?\}\}/gu;

export interface Variable {
  name: string;
  defaultValue?: string;
}

export function variablesOf(text: string): Variable[] {
  const found = new Map<string, Variable>();
  for (const [, name, defaultValue] of text.matchAll(variablePattern)) {
    const known = found.get(name!);
    if (!known) found.set(name!, { name: name!, defaultValue: defaultValue?.trim() });
    else known.defaultValue ??= defaultValue?.trim();
  }
  return [...found.values()];
}

/** Fills in the variables; reports those without a value and the values nobody asked for. */
export function render(text: string, values: Record<string, string>) {
  const variables = variablesOf(text);
  const fallback = new Map(variables.map((variable) => [variable.name, variable.defaultValue]));
  const missing = variables
    .filter(
      (variable) => values[variable.name] === undefined && variable.defaultValue === undefined,
    )
    .map((variable) => variable.name);
  const unused = Object.keys(values).filter((name) => !fallback.has(name));
  const rendered = text.replace(
    variablePattern,
    (whole, name: string) => values[name] ?? fallback.get(name) ?? whole,
  );
  return { text: rendered, missing, unused };
}

/**
 * Splits off the `## Initialization` section. Everything else is the system prompt; the
 * Initialization text is the opening user message when you give no input of your own.
 */
export function splitInitialization(text: string): { system: string; initialization?: string } {
  const heading = /^#{1,6}\s*(Initialization|初始化)\b.*$/im.exec(text);
  if (!heading) return { system: text.trim() };
  const start = heading.index;
  const afterHeading = start + heading[0].length;
  const next = /^#{1,6}\s/m.exec(text.slice(afterHeading));
  const end = next ? afterHeading + next.index : text.length;
  const initialization = text.slice(afterHeading, end).trim();
  const system = `${text.slice(0, start)}${text.slice(end)}`.trim();
  return { system, initialization: initialization || undefined };
}

/** The `- Description:` line of the Profile, else the `# Role:` title. */
export function describe(text: string): string {
  const description = /^\s*-\s*(?:Description|描述)\s*[:：]\s*(.+)$/im.exec(text);
  const role = /^#\s*(?:Role|角色)\s*[:：]\s*(.+)$/im.exec(text);
  return (description?.[1] ?? role?.[1] ?? "").trim();
}
