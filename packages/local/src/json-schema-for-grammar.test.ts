import { describe, expect, it } from "vitest";
import { grammarWarnings, prepareSchemaForGrammar } from "./json-schema-for-grammar.js";

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

  it("lists the optional properties the grammar will always write, at every depth", () => {
    const prepared = prepareSchemaForGrammar({
      type: "object",
      properties: {
        name: { type: "string" },
        nickname: { type: "string" },
        address: {
          type: "object",
          properties: { city: { type: "string" }, street: { type: "string" } },
          required: ["city"],
        },
        tags: {
          type: "array",
          items: { type: "object", properties: { label: { type: "string" } } },
        },
      },
      required: ["name", "address", "tags"],
    });
    expect(prepared.madeRequired).toEqual([
      "properties.nickname",
      "properties.address.properties.street",
      "properties.tags.items.properties.label",
    ]);
    expect(grammarWarnings(prepared)).toEqual([
      {
        type: "unsupported-setting",
        setting: "responseFormat.schema",
        message: expect.stringMatching(
          /^The local JSON grammar writes every property, so properties\.nickname, properties\.address\.properties\.street, properties\.tags\.items\.properties\.label will always be present although the schema leaves them optional\./,
        ),
      },
    ]);
  });

  it("gives no warning for a schema whose properties are all required and enforceable", () => {
    const prepared = prepareSchemaForGrammar({
      type: "object",
      properties: { city: { enum: ["杭州", "北京"] }, sunny: { type: "boolean" } },
      required: ["city", "sunny"],
    });
    expect(grammarWarnings(prepared)).toEqual([]);
  });
});
