import type { GradioParameter } from "./gradio-endpoint.js";
import type { GradioFile } from "./gradio-session.js";

const imageComponent = /image|gallery/i;
const imageName = /\.(png|jpe?g|webp|gif|bmp)(\?|$)/i;

/**
 * The image files and the seed in a job's output. Images come from the image and gallery
 * outputs (FileData, nested in galleries, or URLs); a number output labelled "seed" is the
 * seed the Space used.
 */
export function gradioOutputs(
  data: unknown[],
  returns: GradioParameter[],
): { files: GradioFile[]; seed?: number } {
  const files: GradioFile[] = [];
  let seed: number | undefined;
  data.forEach((value, index) => {
    const output = returns[index];
    if (output && imageComponent.test(output.component ?? "")) files.push(...filesIn(value));
    const name = `${output?.label ?? ""} ${output?.parameter_name ?? ""}`;
    if (typeof value === "number" && /seed/i.test(name)) seed = value;
  });
  // An app that mislabels its outputs: take any image file found anywhere.
  if (files.length === 0) {
    files.push(...filesIn(data).filter((file) => imageName.test(file.url ?? file.path ?? "")));
  }
  return { files, seed };
}

function filesIn(value: unknown): GradioFile[] {
  if (typeof value === "string") {
    return /^(https?:|data:image\/)/.test(value) ? [{ url: value }] : [];
  }
  if (Array.isArray(value)) return value.flatMap(filesIn);
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const isFile =
    (record.meta as { _type?: unknown } | undefined)?._type === "gradio.FileData" ||
    (typeof record.path === "string" && "orig_name" in record);
  if (isFile) {
    return [
      {
        url: typeof record.url === "string" ? record.url : undefined,
        path: typeof record.path === "string" ? record.path : undefined,
      },
    ];
  }
  return Object.values(record).flatMap(filesIn);
}
