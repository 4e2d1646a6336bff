/**
 * Checks a LoRA adapter against its base model before llama.cpp sees it, so a mismatch is a
 * sentence naming both files. llama.cpp wants, for each adapted tensor W of shape [in, out],
 * `W.lora_a` of shape [in, rank] and `W.lora_b` of shape [rank, out] (src/llama-adapter.cpp).
 */
import { basename } from "node:path";
import { InvalidInputError } from "@path/core";

interface TensorShapes {
  architecture: string | undefined;
  type: string | undefined;
  shapes: Map<string, number[]>;
}

async function readShapes(path: string, what: string): Promise<TensorShapes> {
  const { readGgufFileInfo } = await import("node-llama-cpp");
  const info = await readGgufFileInfo(path, { readTensorInfo: true }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`Cannot read the ${what} ${path} as GGUF: ${reason}`);
  });
  const metadata = info.metadata as { general?: { architecture?: string; type?: string } };
  const shapes = new Map<string, number[]>();
  for (const tensor of info.tensorInfo ?? [])
    shapes.set(tensor.name, tensor.dimensions.map(Number));
  return { architecture: metadata.general?.architecture, type: metadata.general?.type, shapes };
}

/** Throws an InvalidInputError saying what does not fit; returns the number of adapted tensors. */
export async function checkAdapterFitsModel(
  modelPath: string,
  adapterPath: string,
): Promise<number> {
  const base = await readShapes(modelPath, "model");
  const adapter = await readShapes(adapterPath, "LoRA adapter");
  const names = `adapter ${basename(adapterPath)} and model ${basename(modelPath)}`;
  if (adapter.type !== "adapter") {
    throw new InvalidInputError(
      `${adapterPath} is not a LoRA adapter (general.type is ${adapter.type ?? "missing"}); convert a trained adapter with llama.cpp's convert_lora_to_gguf.py.`,
    );
  }
  if (adapter.architecture !== base.architecture) {
    throw new InvalidInputError(
      `The ${names} do not match: the adapter is for ${adapter.architecture} models, the model is ${base.architecture}. Use the adapter with the base model it was trained on.`,
    );
  }
  let adapted = 0;
  for (const [name, a] of adapter.shapes) {
    if (!name.endsWith(".lora_a")) continue;
    const target = name.slice(0, -".lora_a".length);
    const b = adapter.shapes.get(`${target}.lora_b`);
    const weight = base.shapes.get(target);
    const fits = b && weight && a[0] === weight[0] && b[1] === weight[1] && a[1] === b[0];
    if (!fits) {
      const found = weight ? `[${weight.join(", ")}] in the model` : "not in the model";
      throw new InvalidInputError(
        `The ${names} do not match: ${target} is ${found}, the adapter's lora_a is [${a.join(", ")}] and lora_b is [${b?.join(", ") ?? "missing"}]. Use the adapter with the base model it was trained on.`,
      );
    }
    adapted++;
  }
  if (adapted === 0) throw new InvalidInputError(`${adapterPath} holds no lora_a/lora_b tensors.`);
  return adapted;
}
