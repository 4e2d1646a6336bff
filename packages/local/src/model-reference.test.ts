import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { InvalidInputError } from "@path/core";
import { describe, expect, it } from "vitest";
import { parseModelReference } from "./model-reference.js";

describe("parseModelReference", () => {
  it.each([
    [
      "qwen2.5-0.5b-instruct",
      {
        kind: "catalog",
        model: expect.objectContaining({ repo: "Qwen/Qwen2.5-0.5B-Instruct-GGUF" }),
      },
    ],
    ["./models/my.gguf", { kind: "file", path: resolve("models/my.gguf") }],
    ["~/models/my.gguf", { kind: "file", path: join(homedir(), "models/my.gguf") }],
    [
      "hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf",
      {
        kind: "hub",
        repo: "Qwen/Qwen2.5-0.5B-Instruct-GGUF",
        file: "qwen2.5-0.5b-instruct-q4_k_m.gguf",
      },
    ],
    [
      "hf:owner/repo/sub/dir/model.gguf",
      { kind: "hub", repo: "owner/repo", file: "sub/dir/model.gguf" },
    ],
    [
      "hf:bartowski/SmolLM2-135M-Instruct-GGUF:q4_k_m",
      { kind: "hub-quant", repo: "bartowski/SmolLM2-135M-Instruct-GGUF", quantisation: "Q4_K_M" },
    ],
    ["hf:owner/repo", { kind: "hub-quant", repo: "owner/repo", quantisation: "Q4_K_M" }],
  ])("reads %s", (id, expected) => {
    expect(parseModelReference(id)).toEqual(expected);
  });

  it.each(["gpt-4o", "hf:owner", "hf:owner/repo/../../etc/passwd.gguf"])(
    "refuses %s with the forms it accepts",
    (id) => {
      expect(() => parseModelReference(id)).toThrow(InvalidInputError);
    },
  );
});
