import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { InvalidInputError } from "../errors.js";
import { extractJson, parseAndValidate, toJsonSchema } from "./schema.js";

const contact = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" } },
  required: ["name", "age"],
  additionalProperties: false,
};

describe("structured output", () => {
  it("takes the JSON out of fences and chatter", () => {
    expect(extractJson('Sure! ```json\n{"a":1}\n``` hope that helps')).toBe('{"a":1}');
    expect(extractJson('Here: {"a":[1,2]} done')).toBe('{"a":[1,2]}');
  });

  it("validates against a JSON Schema and explains what is wrong", async () => {
    expect(await parseAndValidate('{"name":"李雷","age":30}', contact)).toEqual({
      ok: true,
      value: { name: "李雷", age: 30 },
    });
    const bad = await parseAndValidate('{"name":"李雷","age":"thirty"}', contact);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.join()).toMatch(/age.*integer/);
    const notJson = await parseAndValidate("I cannot do that", contact);
    expect(notJson.ok).toBe(false);
  });

  it("accepts zod schemas and sends their JSON Schema", async () => {
    const schema = z.object({ city: z.string(), days: z.number().int() });
    expect(await toJsonSchema(schema)).toMatchObject({
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city", "days"],
    });
    const result = await parseAndValidate('{"city":"杭州","days":3}', schema);
    expect(result).toEqual({ ok: true, value: { city: "杭州", days: 3 } });
    const wrong = await parseAndValidate('{"city":"杭州"}', schema);
    expect(wrong.ok).toBe(false);
  });

  it("refuses a zod 3 schema with an error that says what works, instead of sending it as JSON Schema", async () => {
    const schema = z3.object({ city: z3.string() });
    // TypeScript already refuses it; JavaScript callers reach the check.
    const refusal = toJsonSchema(schema as never);
    await expect(refusal).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refusal).rejects.toThrow(/zod 3 schema.*zod 4.*JSON Schema object/);
  });
});
