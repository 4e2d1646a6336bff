/** The prompts `lora` asks: those on the command line, then one per line of --prompts. */
import { readInputFile, UsageError } from "@path/kit-cli";

export async function loraPrompts(
  positionals: string[],
  file: string | undefined,
): Promise<string[]> {
  const prompts = positionals.map((prompt) => prompt.trim()).filter((prompt) => prompt !== "");
  if (file) {
    const text = (await readInputFile(file)).toString("utf8").replace(/^\uFEFF/, "");
    prompts.push(
      ...text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    );
  }
  if (prompts.length === 0) {
    throw new UsageError(
      `give at least one prompt: npm run finetune -- lora --model <model> --adapter my-lora.gguf "你好"${file ? ` (${file} has only empty lines)` : ""}`,
    );
  }
  return prompts;
}
