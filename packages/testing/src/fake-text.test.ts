import { describe, expect, it } from "vitest";
import { schemaInText } from "./embedded-schema.js";
import { fakeEmbedding, float32Base64 } from "./fake-embedding.js";
import { fakeReply } from "./fake-reply.js";
import { chunkText, estimateTokens, lastUserText, limitTokens } from "./fake-text.js";
import { jsonFromSchema } from "./json-from-schema.js";

describe("fake text", () => {
  it("chunks by grapheme, so CJK and emoji stay whole and joining gives the text back", () => {
    const text = "Echo: 你好世界 👩‍👩‍👧 e\u0301 ok";
    const pieces = chunkText(text);
    expect(pieces.join("")).toBe(text);
    expect(pieces).toEqual(["Echo", ": 你好", "世界 👩‍👩‍👧", " e\u0301 o", "k"]);
    expect(pieces.every((piece) => !/[\uD800-\uDBFF]$/.test(piece))).toBe(true);
  });

  it("estimates one token per CJK character and one per four other characters", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(estimateTokens("你好")).toBe(2);
    expect(limitTokens("abcd你好", 2)).toEqual({ text: "abcd你", truncated: true });
    expect(limitTokens("abcd", 5)).toEqual({ text: "abcd", truncated: false });
  });

  it("takes the last user message, with text parts joined", () => {
    const messages = [
      { role: "user", content: "first" },
      { role: "assistant", content: "reply" },
      { role: "user", content: [{ type: "text", text: "看" }, { type: "image_url" }] },
      { role: "assistant", content: "x" },
    ];
    expect(lastUserText(messages)).toBe("看");
    expect(fakeReply("看", { kind: "text" })).toBe("Echo: 看");
    expect(JSON.parse(fakeReply("看", { kind: "json" }))).toEqual({ reply: "Echo: 看" });
  });
});

describe("jsonFromSchema", () => {
  it("fills every property with a deterministic value of the right type", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string", maxLength: 3 },
        when: { type: "string", format: "date-time" },
        level: { enum: ["high", "low"] },
        count: { type: "integer", minimum: 3 },
        ratio: { type: "number" },
        ok: { type: "boolean" },
        maybe: { anyOf: [{ type: "null" }, { type: "string" }] },
        tags: { type: "array", items: { type: "string" }, minItems: 2 },
        child: { $ref: "#/$defs/child" },
      },
      $defs: { child: { type: "object", properties: { id: { type: ["integer", "null"] } } } },
    };
    expect(jsonFromSchema(schema, "你好 world")).toEqual({
      name: "你好 ",
      when: "2024-01-01T00:00:00Z",
      level: "high",
      count: 3,
      ratio: 1,
      ok: true,
      maybe: "你好 world",
      tags: ["你好 world", "你好 world"],
      child: { id: 1 },
    });
  });
});

describe("schemaInText", () => {
  it("finds a JSON Schema written in a prompt, skipping other braces", () => {
    const schema = {
      type: "object",
      properties: { note: { type: "string", description: "a {b}" } },
    };
    const text = `Use {curly} words and {"not":"schema"}. Match:\n${JSON.stringify(schema)} thanks`;
    expect(schemaInText(text)).toEqual(schema);
    expect(schemaInText("no schema {here")).toBeUndefined();
    const messages = [{ role: "system", content: `Schema: ${JSON.stringify(schema)}` }];
    expect(JSON.parse(fakeReply("hi", { kind: "json" }, undefined, messages))).toEqual({
      note: "hi",
    });
  });
});

describe("fakeEmbedding", () => {
  const cosine = (left: number[], right: number[]) =>
    left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);

  it("is unit length, stable, distinct per text, and closer for texts that share words", () => {
    const cat = fakeEmbedding("the cat sat on the mat", 32);
    expect(Math.hypot(...cat)).toBeCloseTo(1, 5);
    expect(fakeEmbedding("the cat sat on the mat", 32)).toEqual(cat);
    expect(fakeEmbedding("the mat sat on the cat", 32)).not.toEqual(cat);
    const near = cosine(cat, fakeEmbedding("a cat on a mat", 32));
    const far = cosine(cat, fakeEmbedding("quantum chromodynamics lecture", 32));
    expect(near).toBeGreaterThan(far);
  });

  it("encodes base64 as little-endian float32", () => {
    expect(float32Base64([0.25, -0.5, 1])).toBe("AACAPgAAAL8AAIA/");
  });
});
