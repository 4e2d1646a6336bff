/**
 * node-llama-cpp turns a JSON Schema into a grammar that the sampler cannot leave, but it
 * understands only part of JSON Schema. This keeps what it enforces, drops what it would
 * ignore anyway, and lists the dropped keywords so the caller gets a warning, not a surprise.
 * Its grammar also writes every property of an object, so optional properties are listed too.
 */
import type { JsonSchema, Warning } from "@path/core/spec";

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
  /** JSON paths of properties the schema leaves optional but the grammar always writes, e.g. `"properties.nickname"`. */
  madeRequired: string[];
}

interface Findings {
  ignored: string[];
  madeRequired: string[];
}

export function prepareSchemaForGrammar(schema: JsonSchema): GrammarSchema {
  const findings: Findings = { ignored: [], madeRequired: [] };
  return { schema: visit(schema, "", findings) as JsonSchema, ...findings };
}

/** What the caller should know about the schema it gave: one warning per kind of difference. */
export function grammarWarnings({ ignored, madeRequired }: GrammarSchema): Warning[] {
  const warnings: Warning[] = [];
  if (ignored.length > 0) {
    warnings.push({
      type: "unsupported-setting",
      setting: "responseFormat.schema",
      message: `The local JSON grammar cannot enforce ${ignored.join(", ")}; the output has the schema's shape but may break these rules. Validate the parsed value.`,
    });
  }
  if (madeRequired.length > 0) {
    warnings.push({
      type: "unsupported-setting",
      setting: "responseFormat.schema",
      message: `The local JSON grammar writes every property, so ${madeRequired.join(", ")} will always be present although the schema leaves them optional. To let the model leave a value out, allow null for it (anyOf with {"type":"null"}).`,
    });
  }
  return warnings;
}

function visit(node: unknown, path: string, findings: Findings): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const { ignored } = findings;
  const result: Record<string, unknown> = {};
  const at = (key: string) => (path === "" ? key : `${path}.${key}`);
  findings.madeRequired.push(...optionalProperties(node).map((name) => at(`properties.${name}`)));
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
      result[target] = visitStructural(key, value, at(key), findings);
    } else {
      ignored.push(at(key));
    }
  }
  return result;
}

function optionalProperties(node: object): string[] {
  const { properties, required } = node as { properties?: unknown; required?: unknown };
  if (typeof properties !== "object" || properties === null) return [];
  const listed = new Set(Array.isArray(required) ? required : []);
  return Object.keys(properties).filter((name) => !listed.has(name));
}

function visitStructural(key: string, value: unknown, path: string, findings: Findings): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => visit(item, `${path}.${index}`, findings));
  if (key === "properties" || key === "$defs") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, schema]) => [
        name,
        visit(schema, `${path}.${name}`, findings),
      ]),
    );
  }
  return visit(value, path, findings);
}
