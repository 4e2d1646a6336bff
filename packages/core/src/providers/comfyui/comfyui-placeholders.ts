import { InvalidInputError } from "../../errors.js";

/**
 * `{{name}}` placeholders in an API-format workflow. A string that is exactly one placeholder
 * takes the value with its type (`"{{seed}}"` → 42); one inside longer text is written in.
 */
const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Other spellings people use, mapped to the names the adapter fills. */
const aliases: Record<string, string> = {
  negative: "negative_prompt",
  negativeprompt: "negative_prompt",
  guidance: "cfg",
  cfg_scale: "cfg",
  strength: "denoise",
  model: "checkpoint",
  ckpt_name: "checkpoint",
  sampler: "sampler_name",
};

export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return aliases[lower] ?? lower;
}

/** Every placeholder name (canonical) used anywhere in the workflow. */
export function placeholdersIn(workflow: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const match of value.matchAll(placeholder)) found.add(canonicalName(match[1]!));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") Object.values(value).forEach(visit);
  };
  visit(workflow);
  return found;
}

/** A copy of the workflow with every placeholder replaced; an unknown one is an error. */
export function fillPlaceholders<T>(workflow: T, values: Record<string, string | number>): T {
  const lookup = (name: string): string | number => {
    const value = values[canonicalName(name)] ?? values[name];
    if (value === undefined) {
      throw new InvalidInputError(
        `The ComfyUI workflow uses {{${name}}}, which has no value: pass it as providerOptions.comfyui.values.${name}.`,
      );
    }
    return value;
  };
  const fill = (value: unknown): unknown => {
    if (typeof value === "string") {
      const whole = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
      if (whole) return lookup(whole[1]!);
      return value.replace(placeholder, (_, name: string) => String(lookup(name)));
    }
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]));
    }
    return value;
  };
  return fill(workflow) as T;
}
