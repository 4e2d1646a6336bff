import { checkModelFile } from "./gguf/check-model-file.js";
import { describeModel, type ModelDescription } from "./gguf/describe-model.js";

/**
 * Reads a GGUF file's header without loading it: architecture, size, context length, chat
 * template, quantisation. Throws `ModelFileError` for a missing, foreign or truncated file.
 */
export async function inspectModelFile(
  path: string,
): Promise<ModelDescription & { path: string; bytes: number }> {
  const checked = await checkModelFile(path);
  return { ...(await describeModel(checked)), path, bytes: checked.bytes };
}
