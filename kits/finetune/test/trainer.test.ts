/**
 * `trainer` as a person runs it: the files each standard trainer needs, written from a dataset.
 * The Python scripts are compiled by python3 (py_compile), the YAML configs read back line by line.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runKitCli, useTempDir } from "@path/testing";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const kit = fileURLToPath(new URL("..", import.meta.url));
const folder = useTempDir("finetune-trainer-");

const example = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "system", content: "简短回答" },
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

async function project() {
  const cwd = await mkdtemp(join(folder(), "run-"));
  await writeFile(
    join(cwd, "train.jsonl"),
    `${example("退货期限？", "30 天。")}\n${example("Ship to Canada?", "Yes.")}\n`,
  );
  await writeFile(join(cwd, "val.jsonl"), `${example("发票？", "订单页申请。")}\n`);
  return cwd;
}

const run = (args: string[], cwd: string) =>
  runKitCli(["trainer", ...args], { entry: cli, cwd: kit, initCwd: cwd });

/** `key: value` lines of a flat YAML file, values parsed as JSON (strings are written quoted). */
function yamlValues(text: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    const match = /^(\w+): (.+)$/.exec(line);
    if (match) values[match[1] as string] = JSON.parse(match[2] as string);
  }
  return values;
}

const pythonCompiles = (file: string) =>
  execFileSync("python3", ["-m", "py_compile", file], { stdio: "pipe" });

describe.concurrent("trainer", { timeout: 90_000 }, () => {
  it("llama-factory: ShareGPT data, dataset_info.json, a LoRA SFT config with the qwen template, and the commands", async () => {
    const cwd = await project();
    const result = await run(
      ["train.jsonl", "--val", "val.jsonl", "--tool", "llama-factory", "--name", "shop"],
      cwd,
    );
    expect(result.code).toBe(0);
    const out = join(cwd, "trainer/llama-factory");
    const config = yamlValues(await readFile(join(out, "lora_sft.yaml"), "utf8"));
    expect(config).toMatchObject({
      model_name_or_path: "Qwen/Qwen2.5-0.5B-Instruct",
      stage: "sft",
      finetuning_type: "lora",
      dataset: "shop",
      eval_dataset: "shop_val",
      dataset_dir: "data",
      template: "qwen",
      num_train_epochs: 3,
    });
    const info = JSON.parse(await readFile(join(out, "data/dataset_info.json"), "utf8"));
    expect(Object.keys(info)).toEqual(["shop", "shop_val"]);
    expect(info.shop).toMatchObject({ file_name: "shop.json", formatting: "sharegpt" });
    const data = JSON.parse(await readFile(join(out, "data/shop.json"), "utf8"));
    expect(data[0]).toEqual({
      conversations: [
        { from: "human", value: "退货期限？" },
        { from: "gpt", value: "30 天。" },
      ],
      system: "简短回答",
    });
    const readme = await readFile(join(out, "README.md"), "utf8");
    expect(readme).toContain("llamafactory-cli train lora_sft.yaml");
    expect(readme).toContain("convert_lora_to_gguf.py saves/lora --base base-model");
    expect(readme).toContain("0.5B): about 2 GB of GPU memory for QLoRA");
    expect(yamlValues(await readFile(join(out, "merge_lora.yaml"), "utf8"))).toMatchObject({
      adapter_name_or_path: "saves/lora",
      template: "qwen",
    });
  });

  it("peft and unsloth: scripts python compiles, naming the base model and the data", async () => {
    const cwd = await project();
    for (const tool of ["peft", "unsloth"]) {
      const result = await run(
        [
          "train.jsonl",
          "--val",
          "val.jsonl",
          "--tool",
          tool,
          "--base",
          "Qwen/Qwen2.5-7B-Instruct",
          "--epochs",
          "2",
        ],
        cwd,
      );
      expect(result.code).toBe(0);
      const script = join(cwd, "trainer", tool, "train.py");
      pythonCompiles(script);
      const text = await readFile(script, "utf8");
      expect(text).toContain('BASE = "Qwen/Qwen2.5-7B-Instruct"');
      expect(text).toContain("num_train_epochs=2");
      expect(await readFile(join(cwd, "trainer", tool, "train.jsonl"), "utf8")).toBe(
        await readFile(join(cwd, "train.jsonl"), "utf8"),
      );
    }
    expect(await readFile(join(cwd, "trainer/peft/train.py"), "utf8")).toContain(
      'target_modules="all-linear"',
    );
  });

  it("asks for a template it cannot guess, names bad lines, and never overwrites without --force", async () => {
    const cwd = await project();
    const unknown = await run(
      ["train.jsonl", "--tool", "llama-factory", "--base", "acme/foo-7b"],
      cwd,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "no LLaMA-Factory template known for acme/foo-7b; give one with --template",
    );
    await writeFile(join(cwd, "bad.jsonl"), "{oops\n");
    const bad = await run(["bad.jsonl", "--tool", "peft"], cwd);
    expect(bad.stderr).toContain("bad.jsonl: line 1: not valid JSON");
    expect((await run(["train.jsonl", "--tool", "peft"], cwd)).code).toBe(0);
    const again = await run(["train.jsonl", "--tool", "peft"], cwd);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists; add --force");
  });
});
