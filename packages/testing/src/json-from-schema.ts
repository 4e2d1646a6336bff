import { graphemes } from "./fake-text.js";

type Schema = Record<string, unknown>;

const formatExamples: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00",
  email: "user@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  uuid: "00000000-0000-4000-8000-000000000000",
};

function resolvePointer(root: unknown, reference: string): unknown {
  if (!reference.startsWith("#")) return {};
  const steps = reference.slice(1).split("/").filter(Boolean);
  let node = root;
  for (const step of steps) {
    const key = decodeURIComponent(step).replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as Schema | undefined)?.[key];
  }
  return node ?? {};
}

function mergeAll(schemas: unknown[]): Schema {
  const merged: Schema = { properties: {}, required: [] };
  for (const part of schemas as Schema[]) {
    Object.assign(merged, part, {
      properties: { ...(merged.properties as Schema), ...(part.properties as Schema) },
    });
  }
  return merged;
}

function typeOf(schema: Schema): string {
  const declared = Array.isArray(schema.type)
    ? (schema.type.find((type) => type !== "null") ?? "null")
    : schema.type;
  if (typeof declared === "string") return declared;
  if (schema.properties) return "object";
  if (schema.items || schema.prefixItems) return "array";
  return "string";
}

function stringFor(schema: Schema, text: string): string {
  const example = formatExamples[schema.format as string];
  if (example) return example;
  let characters = graphemes(text.trim() || "text").slice(0, 40);
  if (typeof schema.maxLength === "number") characters = characters.slice(0, schema.maxLength);
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  while (characters.length < minLength) characters.push("x");
  return characters.join("");
}

function numberFor(schema: Schema, integer: boolean): number {
  let value = 1;
  if (typeof schema.minimum === "number") value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === "number") {
    value = Math.max(value, schema.exclusiveMinimum + 1);
  }
  if (typeof schema.maximum === "number") value = Math.min(value, schema.maximum);
  return integer ? Math.ceil(value) : value;
}

function generate(schema: unknown, root: unknown, text: string, depth: number): unknown {
  if (depth > 12) return null;
  if (schema === true || schema === undefined) return text;
  if (typeof schema !== "object" || schema === null) return null;
  const node = schema as Schema;
  const next = (child: unknown) => generate(child, root, text, depth + 1);
  if (typeof node.$ref === "string") return next(resolvePointer(root, node.$ref));
  if ("const" in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (Array.isArray(node.allOf)) return next(mergeAll(node.allOf));
  const choices = (node.anyOf ?? node.oneOf) as Schema[] | undefined;
  if (Array.isArray(choices)) return next(choices.find((choice) => choice.type !== "null") ?? {});
  switch (typeOf(node)) {
    case "object": {
      const properties = (node.properties ?? {}) as Schema;
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, next(value)]),
      );
    }
    case "array": {
      const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : [];
      const count = Math.max(1, typeof node.minItems === "number" ? node.minItems : 0);
      const items = prefix.map(next);
      while (items.length < count) items.push(next(node.items ?? {}));
      return items;
    }
    case "integer":
      return numberFor(node, true);
    case "number":
      return numberFor(node, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return stringFor(node, text);
  }
}

/**
 * A JSON value that satisfies a (common subset of) JSON Schema, built deterministically: strings
 * hold part of `text` (or an example for `format`), numbers and integers are 1 (within bounds),
 * booleans true, arrays one item (or `minItems`), enums their first value, every property present.
 * Local `$ref`s (`#/$defs/...`), `anyOf`/`oneOf` (first non-null) and `allOf` are followed.
 */
export function jsonFromSchema(schema: unknown, text: string): unknown {
  return generate(schema, schema, text, 0);
}
