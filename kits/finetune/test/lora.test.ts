/**
 * `lora` as a person runs it: a process that loads the synthesised tiny model in llama.cpp and
 * answers each prompt without and with the synthesised LoRA adapter.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type KitCliResult,
  makeTinyGguf,
  makeTinyLora,
  runKitCli,
  useTempDir,
} from "@path/testing";
import { beforeAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-lora-");
const processTimeout = 90_000;
let model: string;
let adapter: string;

beforeAll(async () => {
  model = join(folder(), "tiny.gguf");
  adapter = join(folder(), "tiny-lora.gguf");
  const base = await makeTinyGguf(model);
  await makeTinyLora(adapter, { vocabularySize: base.vocabularySize });
  await makeTinyLora(join(folder(), "wide-lora.gguf"), {
    vocabularySize: base.vocabularySize,
    embeddingLength: 96,
  });
});

// One llama.cpp thread: on a small shared machine more threads spin against each other.
const lora = (args: string[]): Promise<KitCliResult> =>
  runKitCli(["lora", ...args], {
    entry: cli,
    cwd: kit,
    initCwd: folder(),
    env: { GENAI_LOCAL_THREADS: "1" },
  });

interface LoraJson {
  scale: number;
  seed: number;
  rows: { prompt: string; base: string; adapted: string; changed: boolean }[];
}

describe("finetune lora", () => {
  it(
    "shows base and adapted answers; the adapter changes them and scale 0 gives the base back",
    async () => {
      await writeFile(join(folder(), "prompts.txt"), "What is LoRA?\n\n退货期限是多久？\n");
      const args = ["--model", "tiny.gguf", "--adapter", "tiny-lora.gguf", "--max-tokens", "12"];
      const adapted = await lora([...args, "你好", "--prompts", "prompts.txt", "--json"]);
      expect(adapted.stderr).not.toMatch(/error/);
      expect(adapted.code).toBe(0);
      const result = JSON.parse(adapted.stdout) as LoraJson;
      expect(result.rows.map((row) => row.prompt)).toEqual([
        "你好",
        "What is LoRA?",
        "退货期限是多久？",
      ]);
      expect(result).toMatchObject({ scale: 1, seed: 1 });
      for (const row of result.rows) {
        expect(row.base.length).toBeGreaterThan(0);
        expect(row.adapted).not.toBe(row.base);
        expect(row.changed).toBe(true);
      }

      const off = await lora([...args, "--scale", "0", "你好", "--json"]);
      expect(off.code).toBe(0);
      const [row] = (JSON.parse(off.stdout) as LoraJson).rows;
      expect(row).toMatchObject({ base: result.rows[0]?.base, adapted: result.rows[0]?.base });
      expect(row?.changed).toBe(false);

      const table = await lora([...args, "你好"]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/prompt\s+│ base\s+│ adapted \(scale 1\)/);
      expect(table.stdout).toMatch(/^你好/m);
      expect(table.stdout).toContain("the adapter changed 1 of 1 answer");
    },
    processTimeout,
  );

  it(
    "an adapter for another base model is one line naming both files (exit 2)",
    async () => {
      const result = await lora(["--model", "tiny.gguf", "--adapter", "wide-lora.gguf", "你好"]);
      expect(result.code).toBe(2);
      const errors = result.stderr.split("\n").filter((line) => line.startsWith("error:"));
      expect(errors).toEqual([
        expect.stringMatching(
          /^error: The adapter wide-lora\.gguf and model tiny\.gguf do not match: output\.weight is \[64, \d+\] in the model, the adapter's lora_a is \[96, 4\]/,
        ),
      ]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    processTimeout,
  );

  it(
    "careless input: no prompt, a hosted model, a missing adapter, a bad scale",
    async () => {
      const cases: [string[], RegExp][] = [
        [["--model", "tiny.gguf", "--adapter", "tiny-lora.gguf"], /give at least one prompt/],
        [
          ["--model", "openai:gpt-4.1-mini", "--adapter", "tiny-lora.gguf", "hi"],
          /give --model local:<catalog id> or a path to a \.gguf file, not openai:gpt-4\.1-mini/,
        ],
        [
          ["--model", "tiny.gguf", "--adapter", "nope.gguf", "hi"],
          /cannot read --adapter nope\.gguf/,
        ],
        [
          ["--model", "tiny.gguf", "--adapter", "tiny-lora.gguf", "--scale", "many", "hi"],
          /--scale takes a number from 0 to 4/,
        ],
        [["--adapter", "tiny-lora.gguf", "hi"], /--model is needed/],
      ];
      for (const [args, message] of cases) {
        const result = await lora(args);
        expect(result.code, args.join(" ")).toBe(2);
        expect(result.stderr).toMatch(message);
      }
    },
    processTimeout,
  );

  it("--help shows the usage with examples", async () => {
    const result = await lora(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: npm run finetune -- lora --model <model> --adapter");
    expect(result.stdout).toContain('--adapter my-lora.gguf "你好"');
  });
});
