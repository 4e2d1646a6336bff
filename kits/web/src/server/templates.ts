import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** The text kit's prompt templates (kits/text/templates), for the page's template picker. */
const folder = fileURLToPath(new URL("../../../text/templates/", import.meta.url));

export interface Template {
  name: string;
  description: string;
  variables: string[];
  text: string;
}

export async function listTemplates(): Promise<Template[]> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) =>
    n.endsWith(".md"),
  );
  return Promise.all(
    names.sort().map(async (file) => {
      const text = await readFile(`${folder}${file}`, "utf8");
      const variables = [
        ...new Set(
          [...text.matchAll(/\{\{\s*([\w-]+)\s*(?:\|[^}]*)?\}\}/g)].map((m) => m[1] as string),
        ),
      ];
      const description =
        text
          .split("\n")
          .find((line) => line.trim() && !line.startsWith("#"))
          ?.trim() ?? "";
      return { name: file.slice(0, -3), description, variables, text };
    }),
  );
}
