/**
 * Structured output: a zod schema or a JSON Schema in, a validated object out.
 * zod and ajv are imported only when a schema is used. zod is the caller's: a zod 4 schema, or
 * one from `zod/v4` in zod 3.25+, whose JSON Schema comes from `zod/v4/core` (in both).
 */
import { InvalidInputError } from "../errors.js";
import type { JsonSchema } from "../spec/index.js";

/** The part of a zod (v4) schema core relies on. */
export interface ZodLikeSchema<T = unknown> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  _zod: unknown;
}

export type OutputSchema<T = unknown> = ZodLikeSchema<T> | JsonSchema;

export function isZodSchema(schema: unknown): schema is ZodLikeSchema {
  return typeof schema === "object" && schema !== null && "_zod" in schema && "safeParse" in schema;
}

/** A zod 3 schema: it parses, but zod 4 cannot describe it as JSON Schema. */
function isZod3Schema(schema: unknown): boolean {
  return (
    typeof schema === "object" &&
    schema !== null &&
    "_def" in schema &&
    "safeParse" in schema &&
    !("_zod" in schema)
  );
}

/** The JSON Schema sent to the provider. */
export async function toJsonSchema(schema: OutputSchema): Promise<JsonSchema> {
  if (isZod3Schema(schema)) {
    throw new InvalidInputError(
      'schema is a zod 3 schema, which cannot be turned into JSON Schema: use zod 4 (or `import { z } from "zod/v4"` with zod 3.25+), or pass a JSON Schema object',
    );
  }
  if (!isZodSchema(schema)) return schema;
  const { toJSONSchema } = await import("zod/v4/core");
  const json = toJSONSchema(schema as never) as JsonSchema;
  delete json.$schema;
  return json;
}

type Validation<T> = { ok: true; value: T } | { ok: false; issues: string[] };

const compiled = new WeakMap<object, (value: unknown) => Validation<unknown>>();

/** Parse the model's text as JSON and check it against the schema. */
export async function parseAndValidate<T>(
  text: string,
  schema: OutputSchema<T>,
): Promise<Validation<T>> {
  let value: unknown;
  try {
    value = JSON.parse(extractJson(text));
  } catch (error) {
    return { ok: false, issues: [`not valid JSON (${(error as Error).message})`] };
  }
  if (isZodSchema(schema)) {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data as T };
    return {
      ok: false,
      issues: result.error.issues.map(
        (issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`,
      ),
    };
  }
  let validate = compiled.get(schema);
  if (!validate) {
    const { Ajv } = await import("ajv");
    const check = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate = (candidate) =>
      check(candidate)
        ? { ok: true, value: candidate }
        : {
            ok: false,
            issues: (check.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message}`),
          };
    compiled.set(schema, validate);
  }
  return validate(value) as Validation<T>;
}

/** Models like to wrap JSON in ```json fences or add a sentence; take the JSON part. */
export function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidate = (fenced ? fenced[1]! : text).trim();
  const start = candidate.search(/[[{]/);
  const end = Math.max(candidate.lastIndexOf("}"), candidate.lastIndexOf("]"));
  return start >= 0 && end > start ? candidate.slice(start, end + 1) : candidate;
}
