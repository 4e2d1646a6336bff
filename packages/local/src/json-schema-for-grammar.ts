/**
 * node-llama-cpp turns a JSON Schema into a grammar that the sampler cannot leave, but it
 * understands only part of JSON Schema. This keeps what it enforces, drops what it would
 * ignore anyway, and lists the dropped keywords so the caller gets a warning, not a surprise.
 */
import type { JsonSchema } from "@path/core/spec";

const structural = new Set([
  "properties",
  "$defs",
  "items",
  "prefixItems",
  "oneOf",
  "anyOf",
  "additionalProperties",
]);
const enforced = new Set([
  "type",
  "const",
  "enum",
  "minLength",
  "maxLength",
  "required",
  "minProperties",
  "maxProperties",
  "minItems",
  "maxItems",
  "$ref",
  "description",
]);
const annotations = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "examples",
  "default",
  "readOnly",
  "writeOnly",
  "deprecated",
]);
const formats = new Set(["date-time", "time", "date"]);

export interface GrammarSchema {
  schema: JsonSchema;
  /** JSON paths of keywords the grammar cannot enforce, e.g. `"properties.age.minimum"`. */
  ignored: string[];
}

export function prepareSchemaForGrammar(schema: JsonSchema): GrammarSchema {
  const ignored: string[] = [];
  return { schema: visit(schema, "", ignored) as JsonSchema, ignored };
}

function visit(node: unknown, path: string, ignored: string[]): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const result: Record<string, unknown> = {};
  const at = (key: string) => (path === "" ? key : `${path}.${key}`);
  for (const [key, value] of Object.entries(node)) {
    if (annotations.has(key)) continue;
    if (key === "format") {
      if (typeof value === "string" && formats.has(value)) result.format = value;
      else ignored.push(`${at(key)} (${String(value)})`);
    } else if (enforced.has(key)) {
      result[key] = value;
    } else if (structural.has(key)) {
      // A grammar that accepts any one alternative accepts the same texts as anyOf would.
      const target = key === "anyOf" ? "oneOf" : key;
      result[target] = visitStructural(key, value, at(key), ignored);
    } else {
      ignored.push(at(key));
    }
  }
  return result;
}

function visitStructural(key: string, value: unknown, path: string, ignored: string[]): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => visit(item, `${path}.${index}`, ignored));
  if (key === "properties" || key === "$defs") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, schema]) => [
        name,
        visit(schema, `${path}.${name}`, ignored),
      ]),
    );
  }
  return visit(value, path, ignored);
}
