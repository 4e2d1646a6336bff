/**
 * A flat config as YAML: one `key: value` a line, strings in double quotes (JSON strings are
 * valid YAML), `# section` comments between groups. Enough for trainer configs; no YAML library.
 */
export function yamlText(
  sections: Record<string, Record<string, string | number | boolean>>,
): string {
  const lines: string[] = [];
  for (const [title, values] of Object.entries(sections)) {
    lines.push(`### ${title}`);
    for (const [key, value] of Object.entries(values)) {
      lines.push(`${key}: ${typeof value === "string" ? JSON.stringify(value) : String(value)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
