import { describe, expect, it } from "vitest";
import { prepareSchemaForGrammar } from "./json-schema-for-grammar.js";

describe("prepareSchemaForGrammar", () => {
  it("keeps what the grammar enforces, drops annotations, and lists what it cannot enforce", () => {
    const { schema, ignored } = prepareSchemaForGrammar({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "Person",
      type: "object",
      properties: {
        minimum: {
          type: "string",
          pattern: "^[a-z]+$",
          description: "a property named like a keyword",
        },
        born: { type: "string", format: "date" },
        email: { type: "string", format: "email" },
        tags: { type: "array", items: { type: "string" }, uniqueItems: true, maxItems: 3 },
        nickname: { anyOf: [{ type: "string" }, { type: "null" }], default: null },
      },
      required: ["minimum"],
      additionalProperties: false,
    });
    expect(schema).toEqual({
      type: "object",
      properties: {
        minimum: { type: "string", description: "a property named like a keyword" },
        born: { type: "string", format: "date" },
        email: { type: "string" },
        tags: { type: "array", items: { type: "string" }, maxItems: 3 },
        nickname: { oneOf: [{ type: "string" }, { type: "null" }] },
      },
      required: ["minimum"],
      additionalProperties: false,
    });
    expect(ignored).toEqual([
      "properties.minimum.pattern",
      "properties.email.format (email)",
      "properties.tags.uniqueItems",
    ]);
  });
});
